package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.importer.ImportFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a file is by its content, never its name: a CSV file named {@code .xls} is CSV.
 *
 * <ul>
 *   <li>A zip archive holding {@code [Content_Types].xml} and a part under {@code xl/}, or content
 *       types that declare a workbook part wherever it is, is {@link SourceFormat#XLSX}; any other
 *       zip archive (a Word {@code .docx}, an OpenDocument file,
 *       a plain archive, an Excel binary {@code .xlsb}) is not supported.</li>
 *   <li>An OLE2 (Office 97-2003) container holding a {@code Workbook} or {@code Book} stream is
 *       {@link SourceFormat#XLS}; one holding {@code EncryptedPackage} is a password-protected Office
 *       2007+ file and unreadable; any other one (a Word {@code .doc}) is not supported.</li>
 *   <li>Known binary formats (PDF, images, archives, programs, databases), RTF, XML and HTML
 *       documents (including Excel's "XML Spreadsheet 2003" and "Web Page" files, often named
 *       {@code .xls}) and any content that is clearly binary (NUL bytes or many control characters
 *       in the first kilobytes, unless it is UTF-16 text with a byte order mark) are not
 *       supported.</li>
 *   <li>Everything else is {@link SourceFormat#CSV}.</li>
 * </ul>
 *
 * <p>Only the first {@value #SAMPLE_BYTES} bytes are read, plus a zip archive's central directory
 * or an OLE2 container's directory; nothing is decompressed. A central directory larger than the
 * XLSX reader accepts ({@link GuardedZipSource#MAX_CENTRAL_DIRECTORY_BYTES}) is
 * {@code FILE_UNREADABLE} before it is read. Stateless and thread-safe.
 */
public final class FormatDetector {

    /** How many leading bytes are inspected. */
    public static final int SAMPLE_BYTES = 8192;

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1};
    private static final int ZIP_LOCAL_HEADER = 0x04034b50;
    private static final int ZIP_END_OF_DIRECTORY = 0x06054b50;
    private static final int ZIP_SPANNED = 0x08074b50;

    private static final List<Signature> SIGNATURES = List.of(
            new Signature(0, "%PDF", "a PDF document"),
            new Signature(0, bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), "a PNG image"),
            new Signature(0, bytes(0xFF, 0xD8, 0xFF), "a JPEG image"),
            new Signature(0, "GIF87a", "a GIF image"),
            new Signature(0, "GIF89a", "a GIF image"),
            new Signature(0, bytes('I', 'I', 0x2A, 0x00), "a TIFF image"),
            new Signature(0, bytes('M', 'M', 0x00, 0x2A), "a TIFF image"),
            new Signature(0, bytes(0x7F, 'E', 'L', 'F'), "a program"),
            new Signature(0, bytes(0xCA, 0xFE, 0xBA, 0xBE), "a program"),
            new Signature(0, bytes(0x1F, 0x8B), "a gzip archive"),
            new Signature(0, bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C), "a 7-Zip archive"),
            new Signature(0, bytes('R', 'a', 'r', '!', 0x1A, 0x07), "a RAR archive"),
            new Signature(0, bytes(0xFD, '7', 'z', 'X', 'Z', 0x00), "an xz archive"),
            new Signature(0, "SQLite format 3", "an SQLite database"),
            new Signature(0, "{\\rtf", "an RTF document"),
            new Signature(0, "%!PS", "a PostScript document"));

    private FormatDetector() {
    }

    /**
     * Detects the format of a file from its content.
     *
     * @param file the file, not {@code null}
     * @return the format to read it as
     * @throws ImportFileException {@code FILE_EMPTY} for a 0-byte file, {@code FILE_FORMAT_UNSUPPORTED}
     *     for content that is no CSV, XLSX or XLS, {@code FILE_UNREADABLE} for a file that cannot be
     *     read, is password-protected or is recognisably a damaged or outdated spreadsheet
     */
    public static SourceFormat detect(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] head = readHead(file);
        if (head.length == 0) {
            throw new ImportFileException(ErrorCode.FILE_EMPTY, "The file is empty.");
        }
        if (startsWith(head, 0, OLE2)) {
            return detectOle2(file);
        }
        int magic = head.length >= 4 ? le32(head, 0) : 0;
        if (magic == ZIP_LOCAL_HEADER || magic == ZIP_END_OF_DIRECTORY || magic == ZIP_SPANNED) {
            return detectZip(file, head);
        }
        for (Signature s : SIGNATURES) {
            if (startsWith(head, s.offset(), s.bytes())) {
                throw unsupported(s.description());
            }
        }
        if (isOldBiff(head)) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file is an Excel 2.x-4.0 workbook, which"
                    + " cannot be read. Open it in Excel and save it as .xlsx, then import it again.");
        }
        String text = sampleText(head);
        if (text == null) {
            throw unsupported("a binary file");
        }
        String markup = markup(text);
        if (markup != null) {
            throw unsupported(markup);
        }
        return SourceFormat.CSV;
    }

    private static byte[] readHead(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        } catch (NoSuchFileException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file does not exist.", e);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file cannot be read: " + e.getMessage(), e);
        }
    }

    private static SourceFormat detectOle2(Path file) {
        List<String> names = new ArrayList<>();
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            for (Entry entry : root) {
                names.add(entry.getName());
            }
        } catch (IOException | RuntimeException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE,
                    "The file is a damaged Office 97-2003 document (perhaps a truncated .xls) and cannot be read.", e);
        }
        if (hasName(names, "Workbook") || hasName(names, "Book")) {
            return SourceFormat.XLS;
        }
        if (hasName(names, "EncryptedPackage")) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file is protected with a password."
                    + " Open it in Excel, remove the password (File > Info > Protect Workbook) and import it again.");
        }
        if (hasName(names, "WordDocument")) {
            throw unsupported("a Word document (.doc)");
        }
        if (hasName(names, "PowerPoint Document")) {
            throw unsupported("a PowerPoint presentation (.ppt)");
        }
        throw unsupported("an Office 97-2003 document that is not an Excel workbook");
    }

    private static SourceFormat detectZip(Path file, byte[] head) {
        try {
            // The JDK's zip reader holds the whole central directory, and more, in memory.
            GuardedZipSource.checkCentralDirectory(file);
        } catch (HostileContentException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, Objects.toString(e.getMessage(), "a hostile zip"), e);
        } catch (IOException e) {
            return detectDamagedZip(head);
        }
        List<String> names = new ArrayList<>();
        String mainType = null;
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.ISO_8859_1)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
            if (hasName(names, "[Content_Types].xml") && !hasPrefix(names, "xl/")) {
                mainType = declaredWorkbookType(zip);
            }
        } catch (IOException | RuntimeException e) {
            return detectDamagedZip(head);
        }
        boolean contentTypes = hasName(names, "[Content_Types].xml");
        if (contentTypes && (hasName(names, "xl/workbook.bin") || "xlsb".equals(mainType))) {
            throw unsupported("an Excel binary workbook (.xlsb); save it as .xlsx");
        }
        // Excel keeps the parts under xl/, but the package's content types and relationships say
        // where they are, and other tools put them elsewhere.
        if (contentTypes && (hasPrefix(names, "xl/") || "xlsx".equals(mainType))) {
            return SourceFormat.XLSX;
        }
        throw unsupported(describeZip(names, contentTypes));
    }

    /** Content types are a short list; a longer part is no workbook's. */
    private static final int MAX_CONTENT_TYPES_BYTES = 1 << 20;

    /**
     * {@code "xlsx"} or {@code "xlsb"} if the package's content types declare a workbook part of
     * that kind, else {@code null}.
     */
    private static @Nullable String declaredWorkbookType(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry("[Content_Types].xml");
        try (java.io.InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(MAX_CONTENT_TYPES_BYTES);
            String types = new String(bytes, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            if (types.contains("application/vnd.ms-excel.sheet.binary.macroenabled.main")) {
                return "xlsb";
            }
            boolean workbook = types.contains("spreadsheetml.sheet.main+xml")
                    || types.contains("spreadsheetml.template.main+xml")
                    || types.contains("application/vnd.ms-excel.sheet.macroenabled.main+xml")
                    || types.contains("application/vnd.ms-excel.template.macroenabled.main+xml");
            return workbook ? "xlsx" : null;
        }
    }

    /** A zip archive whose central directory cannot be read: judged by its first local headers. */
    private static SourceFormat detectDamagedZip(byte[] head) {
        List<String> names = localHeaderNames(head);
        if (hasPrefix(names, "xl/")) {
            return SourceFormat.XLSX;
        }
        if (hasPrefix(names, "word/") || hasPrefix(names, "ppt/")) {
            throw unsupported(describeZip(names, true));
        }
        if (hasName(names, "[Content_Types].xml") || hasName(names, "_rels/.rels") || hasPrefix(names, "docProps/")) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE,
                    "The file is a damaged Office file (perhaps a truncated .xlsx) and cannot be read.");
        }
        throw unsupported("a zip archive");
    }

    /**
     * The names in the local file headers found in the first bytes. Headers are looked for at every
     * position, as an entry followed by a data descriptor does not say where the next one starts.
     */
    private static List<String> localHeaderNames(byte[] head) {
        List<String> names = new ArrayList<>();
        for (int pos = 0; pos + 30 <= head.length; pos++) {
            if (le32(head, pos) != ZIP_LOCAL_HEADER) {
                continue;
            }
            int nameLength = le16(head, pos + 26);
            if (nameLength > 0 && pos + 30 + nameLength <= head.length) {
                names.add(new String(head, pos + 30, nameLength, StandardCharsets.ISO_8859_1));
                pos += 29 + nameLength;
            }
        }
        return names;
    }

    private static String describeZip(List<String> names, boolean contentTypes) {
        if (contentTypes && hasPrefix(names, "word/")) {
            return "a Word document (.docx)";
        }
        if (contentTypes && hasPrefix(names, "ppt/")) {
            return "a PowerPoint presentation (.pptx)";
        }
        if (hasName(names, "mimetype") && hasName(names, "content.xml")) {
            return "an OpenDocument file (.ods, .odt); save it as .xlsx";
        }
        return "a zip archive";
    }

    /**
     * The first kilobytes as text, or {@code null} when they are clearly binary: a NUL character,
     * or more than one in a hundred control characters other than tab, line breaks, form feed,
     * vertical tab, escape and the DOS end-of-file mark.
     */
    private static @Nullable String sampleText(byte[] head) {
        boolean utf16le = head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE;
        boolean utf16be = head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF;
        String text;
        if (utf16le || utf16be) {
            int length = (head.length - 2) & ~1;
            text = new String(head, 2, length, utf16le ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        } else {
            // Every byte maps to one character; only ASCII control characters matter here.
            text = new String(head, StandardCharsets.ISO_8859_1);
        }
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return null;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B && c != 0x1A && c != 0x1B) {
                controls++;
            }
        }
        return controls > 4 + text.length() / 100 ? null : text;
    }

    /** What an XML or HTML document is, or {@code null} for text that is not markup. */
    private static @Nullable String markup(String text) {
        int start = 0;
        if (text.startsWith("\u00EF\u00BB\u00BF")) {
            start = 3;
        } else if (text.startsWith("\uFEFF")) {
            start = 1;
        }
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        String lead = text.substring(start, Math.min(text.length(), start + 512)).toLowerCase(Locale.ROOT);
        if (lead.startsWith("<html") || lead.startsWith("<!doctype html") || lead.startsWith("<table")
                || (lead.startsWith("<?xml") && lead.contains("<html"))) {
            return "an HTML document (an Excel \"Web Page\" file); save it as .xlsx or .csv";
        }
        if (lead.startsWith("<?xml") && text.toLowerCase(Locale.ROOT).contains("urn:schemas-microsoft-com:office:spreadsheet")) {
            return "an Excel 2003 XML spreadsheet; save it as .xlsx or .csv";
        }
        if (lead.startsWith("<?xml")) {
            return "an XML document";
        }
        return null;
    }

    /** A BIFF2, BIFF3 or BIFF4 workbook: a bare stream starting with its beginning-of-file record. */
    private static boolean isOldBiff(byte[] head) {
        if (head.length < 8 || head[0] != 0x09 || (head[1] != 0x00 && head[1] != 0x02 && head[1] != 0x04)
                || head[3] != 0x00 || (head[2] != 4 && head[2] != 6)) {
            return false;
        }
        int type = le16(head, 6);
        return type == 0x0010 || type == 0x0020 || type == 0x0040 || type == 0x0100;
    }

    private static ImportFileException unsupported(String what) {
        return new ImportFileException(ErrorCode.FILE_FORMAT_UNSUPPORTED, "The file is " + what
                + ", not a CSV or Excel file (.csv, .xlsx, .xls).");
    }

    private static boolean hasName(List<String> names, String wanted) {
        for (String name : names) {
            if (name.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPrefix(List<String> names, String prefix) {
        for (String name : names) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private record Signature(int offset, byte[] bytes, String description) {
        Signature(int offset, String ascii, String description) {
            this(offset, ascii.getBytes(StandardCharsets.ISO_8859_1), description);
        }
    }
}
