package dev.crmkit.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Writes hostile spreadsheets and CSV files for {@link HostileFilesTest}, streaming: no file, and
 * no inflated content of a zip entry, is ever held in memory whole.
 */
final class HostileFiles {

    static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    static final String SHEET = "xl/worksheets/sheet1.xml";
    static final String SHARED_STRINGS = "xl/sharedStrings.xml";
    static final String WORKBOOK = "xl/workbook.xml";
    static final String CONTENT_TYPES = "[Content_Types].xml";

    private HostileFiles() {
    }

    // ------------------------------------------------------------------------------------------ XLSX

    /** Writes part content to a stream. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** One zip entry: bytes, content deflated as it is written, or a prepared raw deflate stream. */
    record Part(byte[] bytes, Content content, RawDeflate raw) {

        static Part of(String text) {
            return new Part(text.getBytes(StandardCharsets.UTF_8), null, null);
        }

        static Part streamed(Content content) {
            return new Part(null, content, null);
        }

        static Part raw(RawDeflate raw) {
            return new Part(null, null, raw);
        }
    }

    /**
     * A deflate stream made of a prefix, one block of text repeated {@code count} times and a
     * suffix, each compressed on its own (the block once, its compressed bytes repeated), so a
     * part of gigabytes costs the writer no more than compressing one block. The directory states
     * {@code declaredSize}, or the true size if it is negative.
     */
    record RawDeflate(String prefix, byte[] block, long count, String suffix, long declaredSize) {

        long inflatedSize() {
            return utf8(prefix).length + (long) block.length * count + utf8(suffix).length;
        }
    }

    /** The parts of a workbook with one sheet, and shared strings if given (else none). */
    static Map<String, Part> workbook(String sheetData, String sharedStrings) {
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put(CONTENT_TYPES, Part.of(contentTypes(sharedStrings != null, "")));
        parts.put("_rels/.rels", Part.of(DECLARATION
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>"));
        parts.put(WORKBOOK, Part.of(workbookXml("", "Sayfa1")));
        parts.put("xl/_rels/workbook.xml.rels", Part.of(DECLARATION
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (sharedStrings == null ? "" : "<Relationship Id=\"rId2\" Type=\"" + REL_NS
                        + "/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + "</Relationships>"));
        parts.put(SHEET, Part.of(sheetXml("", sheetData)));
        if (sharedStrings != null) {
            parts.put(SHARED_STRINGS, Part.of(sharedStringsXml("", sharedStrings)));
        }
        return parts;
    }

    static String contentTypes(boolean sharedStrings, String doctype) {
        return DECLARATION + doctype
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (sharedStrings ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" : "")
                + "</Types>";
    }

    static String workbookXml(String doctype, String sheetName) {
        return DECLARATION + doctype + "<workbook xmlns=\"" + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\"><sheets>"
                + "<sheet name=\"" + sheetName + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    }

    static String sheetXml(String doctype, String sheetData) {
        return DECLARATION + doctype + sheetOpen() + sheetData + "</sheetData></worksheet>";
    }

    static String sheetOpen() {
        return "<worksheet xmlns=\"" + MAIN_NS + "\" xmlns:r=\"" + REL_NS + "\"><sheetData>";
    }

    static String sharedStringsXml(String doctype, String items) {
        return DECLARATION + doctype + "<sst xmlns=\"" + MAIN_NS + "\">" + items + "</sst>";
    }

    /** An inline-string cell. */
    static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /** The header row (İsim, Telefon) as inline strings. */
    static String headerRow() {
        return "<row r=\"1\">" + inline("A1", "İsim") + inline("B1", "Telefon") + "</row>";
    }

    static void writeZip(Path file, Map<String, Part> parts) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, Part> e : parts.entrySet()) {
                Part part = e.getValue();
                if (part.raw() != null) {
                    writeRaw(zip, e.getKey(), part.raw());
                    continue;
                }
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setMethod(ZipEntry.DEFLATED);
                zip.putArchiveEntry(entry);
                if (part.bytes() != null) {
                    zip.write(part.bytes());
                } else {
                    part.content().writeTo(new NonClosing(zip));
                }
                zip.closeArchiveEntry();
            }
        }
    }

    private static void writeRaw(ZipArchiveOutputStream zip, String name, RawDeflate raw) throws IOException {
        byte[] prefix = deflate(utf8(raw.prefix()), false);
        byte[] block = deflate(raw.block(), false);
        byte[] suffix = deflate(utf8(raw.suffix()), true);
        long compressed = prefix.length + (long) block.length * raw.count() + suffix.length;
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setCompressedSize(compressed);
        entry.setSize(raw.declaredSize() >= 0 ? raw.declaredSize() : raw.inflatedSize());
        entry.setCrc(raw.declaredSize() >= 0 ? 0 : crc(raw));
        zip.addRawArchiveEntry(entry, new RepeatingStream(prefix, block, raw.count(), suffix));
    }

    private static long crc(RawDeflate raw) {
        CRC32 crc = new CRC32();
        crc.update(utf8(raw.prefix()));
        for (long i = 0; i < raw.count(); i++) {
            crc.update(raw.block());
        }
        crc.update(utf8(raw.suffix()));
        return crc.getValue();
    }

    /** Raw deflate: a full flush (independent of what follows, ending on a byte) or the final block. */
    private static byte[] deflate(byte[] data, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length || !deflater.needsInput());
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] repeated(String unit, int bytes) {
        byte[] u = utf8(unit);
        byte[] out = new byte[bytes - bytes % u.length];
        for (int i = 0; i < out.length; i += u.length) {
            System.arraycopy(u, 0, out, i, u.length);
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Prefix, block repeated, suffix, without holding more than the block. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] prefix;
        private final byte[] block;
        private final long count;
        private final byte[] suffix;
        private long segment;
        private int pos;

        RepeatingStream(byte[] prefix, byte[] block, long count, byte[] suffix) {
            this.prefix = prefix;
            this.block = block;
            this.count = count;
            this.suffix = suffix;
        }

        private byte[] current() {
            if (segment == 0) {
                return prefix;
            }
            return segment <= count ? block : segment == count + 1 ? suffix : null;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            byte[] cur;
            while ((cur = current()) != null && pos == cur.length) {
                segment++;
                pos = 0;
            }
            if (cur == null) {
                return -1;
            }
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * A zip of {@code entries} empty entries with 7-character names, written directly (local
     * headers and central directory) so that millions of them take seconds: its central directory
     * alone is about 53 bytes an entry.
     */
    static void manyEntriesZip(Path file, int entries) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            String[] first = {"[Content_Types].xml", "xl/workbook.xml"};
            int total = entries + first.length;
            long position = 0;
            // Local headers: offsets are regular, so they are recomputed rather than stored.
            for (int i = 0; i < total; i++) {
                byte[] name = entryName(first, i);
                if (buf.remaining() < 30 + name.length) {
                    position += flush(ch, buf);
                }
                buf.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0)
                        .putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) name.length).putShort((short) 0)
                        .put(name);
            }
            position += flush(ch, buf);
            long directoryStart = position;
            long offset = 0;
            for (int i = 0; i < total; i++) {
                byte[] name = entryName(first, i);
                if (buf.remaining() < 46 + name.length) {
                    position += flush(ch, buf);
                }
                buf.putInt(0x02014b50).putShort((short) 20).putShort((short) 10).putShort((short) 0)
                        .putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) name.length)
                        .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                        .putInt((int) offset).put(name);
                offset += 30 + name.length;
            }
            position += flush(ch, buf);
            long directorySize = position - directoryStart;
            buf.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF)
                    .putShort((short) 0xFFFF).putInt((int) directorySize).putInt((int) directoryStart).putShort((short) 0);
            flush(ch, buf);
        }
    }

    private static byte[] entryName(String[] first, int i) {
        if (i < first.length) {
            return utf8(first[i]);
        }
        return utf8(String.format("x%06x", i));
    }

    private static long flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        long n = buf.remaining();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
        return n;
    }

    // ------------------------------------------------------------------------------------------- XLS

    /** A BIFF record of a workbook stream: where it starts, its type and its declared length. */
    record BiffRecord(int offset, int sid, int length) {
    }

    static final int SID_BOF = 0x0809;
    static final int SID_SST = 0x00FC;
    static final int SID_CONTINUE = 0x003C;
    static final int SID_LABEL_SST = 0x00FD;
    static final int MAX_RECORD_DATA = 8224;

    /** A valid legacy workbook: sheet "Müşteriler" with a header (İsim, Telefon) and two customers. */
    static byte[] xls() throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Müşteriler");
            String[][] rows = {{"İsim", "Telefon"}, {"Ayşe Yılmaz", "05301234567"}, {"Ali Kaya", "05301234568"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** The {@code Workbook} stream of a legacy workbook. */
    static byte[] workbookStream(byte[] xls) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(xls))) {
            try (InputStream in = fs.getRoot().createDocumentInputStream("Workbook")) {
                return in.readAllBytes();
            }
        }
    }

    /** An OLE2 container holding the stream as {@code Workbook}. */
    static void writeXls(Path file, byte[] workbookStream) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
            fs.createDocument(new ByteArrayInputStream(workbookStream), "Workbook");
            fs.writeFilesystem(out);
        }
    }

    static List<BiffRecord> records(byte[] stream) {
        List<BiffRecord> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + 4 <= stream.length) {
            int sid = b.getShort(pos) & 0xFFFF;
            int length = b.getShort(pos + 2) & 0xFFFF;
            if (sid == 0 && length == 0) {
                break; // padding after the last EOF
            }
            out.add(new BiffRecord(pos, sid, length));
            pos += 4 + length;
        }
        return out;
    }

    static BiffRecord first(List<BiffRecord> records, int sid, int fromIndex) {
        for (int i = fromIndex; i < records.size(); i++) {
            if (records.get(i).sid() == sid) {
                return records.get(i);
            }
        }
        throw new IllegalArgumentException("no record " + Integer.toHexString(sid));
    }

    /** The index of the sheet substream's BOF (the second BOF of the stream). */
    static int sheetStart(List<BiffRecord> records) {
        int seen = 0;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sid() == SID_BOF && ++seen == 2) {
                return i;
            }
        }
        throw new IllegalArgumentException("no sheet");
    }

    /**
     * The stream with its SST replaced by one holding the original strings followed by
     * {@code extra} empty strings (three bytes each in the file), spread over CONTINUE records.
     */
    static byte[] withEmptyStrings(byte[] stream, int extra) {
        List<BiffRecord> records = records(stream);
        BiffRecord sst = first(records, SID_SST, 0);
        ByteBuffer in = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        int unique = in.getInt(sst.offset() + 8);
        byte[] strings = java.util.Arrays.copyOfRange(stream, sst.offset() + 12, sst.offset() + 4 + sst.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length + extra * 3 + extra / 2000 * 4 + 64);
        out.write(stream, 0, sst.offset());
        int total = unique + extra;
        int perRecord = MAX_RECORD_DATA / 3;
        int inFirst = Math.min(extra, (MAX_RECORD_DATA - 8 - strings.length) / 3);
        ByteBuffer head = ByteBuffer.allocate(4 + 8 + strings.length + inFirst * 3).order(ByteOrder.LITTLE_ENDIAN);
        head.putShort((short) SID_SST).putShort((short) (8 + strings.length + inFirst * 3)).putInt(total).putInt(total)
                .put(strings);
        out.write(head.array(), 0, head.array().length);
        int left = extra - inFirst;
        byte[] full = new byte[4 + perRecord * 3];
        ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).putShort((short) SID_CONTINUE).putShort((short) (perRecord * 3));
        while (left > 0) {
            int n = Math.min(left, perRecord);
            if (n == perRecord) {
                out.write(full, 0, full.length);
            } else {
                byte[] part = new byte[4 + n * 3];
                ByteBuffer.wrap(part).order(ByteOrder.LITTLE_ENDIAN).putShort((short) SID_CONTINUE).putShort((short) (n * 3));
                out.write(part, 0, part.length);
            }
            left -= n;
        }
        int after = sst.offset() + 4 + sst.length();
        out.write(stream, after, stream.length - after);
        return out.toByteArray();
    }

    static final int SID_BOUND_SHEET = 0x0085;
    static final int SID_XF = 0x00E0;
    static final int SID_DRAWING_GROUP = 0x00EB;

    /** The stream with {@code n} cell format (XF) records more, before the sheet list. */
    static byte[] withCellFormats(byte[] stream, int n) throws IOException {
        byte[] xf = new byte[4 + 20];
        putShort(xf, 0, SID_XF);
        putShort(xf, 2, 20);
        return insertBefore(stream, SID_BOUND_SHEET, out -> {
            for (int i = 0; i < n; i++) {
                out.write(xf);
            }
        });
    }

    /** The stream with {@code n} sheets more in the sheet list, named S0, S1... (their substreams missing). */
    static byte[] withSheets(byte[] stream, int n) throws IOException {
        return insertBefore(stream, SID_BOUND_SHEET, out -> {
            for (int i = 0; i < n; i++) {
                byte[] name = ("S" + i).getBytes(StandardCharsets.ISO_8859_1);
                byte[] r = new byte[4 + 8 + name.length];
                putShort(r, 0, SID_BOUND_SHEET);
                putShort(r, 2, 8 + name.length);
                r[10] = (byte) name.length;
                System.arraycopy(name, 0, r, 12, name.length);
                out.write(r);
            }
        });
    }

    /** The stream with a drawing group record of {@code records} full records (itself and CONTINUEs). */
    static byte[] withDrawingGroup(byte[] stream, int records) throws IOException {
        byte[] r = new byte[4 + MAX_RECORD_DATA];
        putShort(r, 2, MAX_RECORD_DATA);
        return insertBefore(stream, SID_BOUND_SHEET, out -> {
            for (int i = 0; i < records; i++) {
                putShort(r, 0, i == 0 ? SID_DRAWING_GROUP : SID_CONTINUE);
                out.write(r);
            }
        });
    }

    private static byte[] insertBefore(byte[] stream, int sid, Content content) throws IOException {
        int at = first(records(stream), sid, 0).offset();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream, 0, at);
        content.writeTo(out);
        out.write(stream, at, stream.length - at);
        return out.toByteArray();
    }

    /** Overwrites a little-endian 16-bit value. */
    static void putShort(byte[] bytes, int offset, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
    }

    static void putInt(byte[] bytes, int offset, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    }

    /** The layout of a small OLE2 container with 512-byte sectors and one FAT sector. */
    record Ole2(byte[] bytes) {

        private ByteBuffer le() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        private static int sectorOffset(int sector) {
            return (sector + 1) * 512;
        }

        int fatEntryOffset(int sector) {
            if ((le().getShort(0x1E) & 0xFFFF) != 9 || sector >= 128) {
                throw new IllegalStateException("expected 512-byte sectors and a short chain");
            }
            return sectorOffset(le().getInt(0x4C)) + 4 * sector;
        }

        /** The offset of the directory entry with this name (the first directory sector only). */
        int entryOffset(String name) {
            int dir = sectorOffset(le().getInt(0x30));
            for (int i = 0; i < 4; i++) {
                int at = dir + i * 128;
                int length = le().getShort(at + 0x40) & 0xFFFF;
                if (length >= 2 && new String(bytes, at, length - 2, StandardCharsets.UTF_16LE).equals(name)) {
                    return at;
                }
            }
            throw new IllegalArgumentException("no entry " + name);
        }

        int entryIndex(String name) {
            return (entryOffset(name) - sectorOffset(le().getInt(0x30))) / 128;
        }

        int startSector(String name) {
            return le().getInt(entryOffset(name) + 0x74);
        }

        /** Streams below the cutoff (4096 bytes) live in the mini stream and are chained by the mini FAT. */
        private boolean inMiniStream(String name) {
            return le().getInt(entryOffset(name) + 0x78) < le().getInt(0x38);
        }

        /** Where the chain entry for the stream's sector is: in the FAT or the mini FAT. */
        int chainEntryOffset(String name, int sector) {
            if (!inMiniStream(name)) {
                return fatEntryOffset(sector);
            }
            if (sector >= 128) {
                throw new IllegalStateException("expected a short mini chain");
            }
            return sectorOffset(le().getInt(0x3C)) + 4 * sector;
        }

        /** The sector after this one in the stream's chain. */
        int nextSector(String name, int sector) {
            return le().getInt(chainEntryOffset(name, sector));
        }
    }

    // ------------------------------------------------------------------------------------------- CSV

    /** Writes {@code head}, then {@code count} copies of {@code unit} (bytes), then {@code tail}. */
    static void writeRepeated(Path file, byte[] head, byte unit, long count, byte[] tail) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(head));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, unit);
            long left = count;
            while (left > 0) {
                ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
                left -= b.remaining();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.write(ByteBuffer.wrap(tail));
        }
    }
}
