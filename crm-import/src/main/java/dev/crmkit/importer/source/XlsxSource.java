package dev.crmkit.importer.source;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import dev.crmkit.importer.ImportFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.openxml4j.opc.ZipPackagePart;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.jspecify.annotations.Nullable;

/**
 * Reads one worksheet of an Excel 2007+ workbook ({@code .xlsx}, {@code .xlsm}, and their
 * templates) row by row in bounded memory, with POI's package access but none of its
 * whole-workbook model.
 *
 * <p><b>How it streams.</b> {@link #next()} pulls the worksheet's XML through a StAX reader until
 * the end of the next {@code <row>}, so exactly one row is in memory and nothing runs ahead of
 * the caller: no second thread, no queue. Before the first row, the workbook part (sheet names,
 * 1904 date system), the styles (which styles are dates) and the shared strings are read the same
 * way; the shared strings stay available for the whole read, in memory up to a budget and in a
 * temporary file beyond it (see {@link SharedStringTable}), each cut to the cell limit plus one
 * character as it is parsed.
 *
 * <p><b>Which sheet.</b> {@link SourceOptions#sheetName()} if given: the sheet of exactly that
 * name, else the one whose name is equal ignoring case and Turkish diacritics
 * ({@link TextFolding}); two such sheets are ambiguous. Without a name,
 * {@link SourceOptions#sheetIndex()} in workbook order, hidden sheets included. A missing or
 * ambiguous sheet is {@code FILE_UNREADABLE}, and the message lists the sheets there are.
 *
 * <p><b>Cells</b> are rendered as {@link SourceRecord} says; in addition, a time of day without a
 * date (a serial number under 1 with a date format, in the 1900 date system) is
 * {@code HH:mm[:ss]}. Rows come with the number the sheet gives them; rows the sheet leaves out
 * are not returned. Trailing empty cells are left out.
 *
 * <p><b>Hostile and broken files</b> fail with {@code FILE_UNREADABLE} in bounded time and memory:
 * zip bombs (inflated size or compression ratio beyond {@link SourceLimits}), any DTD in any XML
 * part, oversized zip directories, markup or rows, rows or cells out of order, truncated or
 * corrupt zips. A file that is not a zip, or a zip that is not an OOXML workbook, is
 * {@code FILE_FORMAT_UNSUPPORTED}; an empty file {@code FILE_EMPTY}; one larger than
 * {@link SourceLimits#maxFileBytes()} {@code FILE_TOO_LARGE}, checked before it is opened. More
 * records than {@link SourceLimits#maxRows()} is {@code TOO_MANY_ROWS}.
 *
 * <p>Transitional and Strict OOXML are both read. Not thread-safe. {@link #close()} releases the file and deletes temporary files.
 */
public final class XlsxSource implements RecordSource {

    private static final Set<String> WORKBOOK_TYPES = Set.of(
            XSSFRelation.WORKBOOK.getContentType(),
            XSSFRelation.MACROS_WORKBOOK.getContentType(),
            XSSFRelation.TEMPLATE_WORKBOOK.getContentType(),
            XSSFRelation.MACRO_TEMPLATE_WORKBOOK.getContentType());
    /** Strict OOXML (ISO 29500) names relationships in its own namespace; parts are otherwise alike. */
    private static final String TRANSITIONAL_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private static final String STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships/";

    private final GuardedZipSource zip;
    private final OPCPackage pkg;
    private final SharedStringTable sharedStrings;
    private final InputStream sheetStream;
    private final XMLStreamReader sheetXml;
    private final XlsxSheetReader rows;
    private final SourceInfo info;
    private final String sheetEntry;
    private final long sheetCompressedSize;
    private final long maxRows;

    private long records;
    private boolean atEnd;
    private boolean closed;
    private @Nullable ImportFileException failure;

    private XlsxSource(GuardedZipSource zip, OPCPackage pkg, SharedStringTable sharedStrings, InputStream sheetStream,
                       XMLStreamReader sheetXml, XlsxSheetReader rows, String sheetEntry, long sheetCompressedSize,
                       SourceInfo info, long maxRows) {
        this.zip = zip;
        this.pkg = pkg;
        this.sharedStrings = sharedStrings;
        this.sheetStream = sheetStream;
        this.sheetXml = sheetXml;
        this.rows = rows;
        this.sheetEntry = sheetEntry;
        this.sheetCompressedSize = sheetCompressedSize;
        this.info = info;
        this.maxRows = maxRows;
    }

    /**
     * Opens a workbook and positions before the first row of the chosen sheet.
     *
     * @param file the workbook, not {@code null}
     * @param options sheet choice and limits, not {@code null}; encoding and delimiter are ignored
     * @return the source, to be closed by the caller
     * @throws ImportFileException {@code FILE_TOO_LARGE}, {@code FILE_EMPTY},
     *     {@code FILE_FORMAT_UNSUPPORTED} or {@code FILE_UNREADABLE} (also for a missing sheet)
     */
    public static XlsxSource open(Path file, SourceOptions options) {
        return open(file, options, SharedStringTable.DEFAULT_MEMORY_BUDGET, null);
    }

    static XlsxSource open(Path file, SourceOptions options, long sharedStringsMemory, @Nullable Path spillDirectory) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        SourceLimits limits = options.limits();
        long size = checkFile(file, limits);
        Opened o = new Opened();
        try {
            // Each part is kept in a local as well as in o, which closes what was opened if a later step fails.
            GuardedZipSource zip = GuardedZipSource.open(file, size, limits);
            o.zip = zip;
            if (zip.getEntry("[Content_Types].xml") == null) {
                throw new ImportFileException(ErrorCode.FILE_FORMAT_UNSUPPORTED,
                        "The file is a zip file but not an Excel workbook (.xlsx): it has no content types part.");
            }
            OPCPackage pkg = OPCPackage.open(zip);
            o.pkg = pkg;
            zip.checkNoHostileContent();
            PackagePart workbookPart = new PartLocator(pkg).workbookPart();
            if (workbookPart == null || !WORKBOOK_TYPES.contains(workbookPart.getContentType())) {
                throw new ImportFileException(ErrorCode.FILE_FORMAT_UNSUPPORTED,
                        "The file is an Office document but not an Excel workbook (.xlsx)"
                                + (workbookPart == null ? "." : ": its main part is " + workbookPart.getContentType()
                                + "."));
            }
            XlsxWorkbook workbook;
            try (InputStream in = streamed(zip, workbookPart)) {
                workbook = XlsxWorkbook.read(in, workbookPart.getPartName().getName());
            }
            XlsxWorkbook.Sheet sheet = select(workbook.sheets(), options);
            PackagePart sheetPart = sheetPart(workbookPart, sheet);

            XlsxStyles styles = XlsxStyles.NONE;
            PackagePart stylesPart = related(workbookPart, "styles");
            if (stylesPart != null) {
                try (InputStream in = streamed(zip, stylesPart)) {
                    styles = XlsxStyles.read(in, stylesPart.getPartName().getName());
                }
            }
            PackagePart stringsPart = related(workbookPart, "sharedStrings");
            SharedStringTable sharedStrings;
            if (stringsPart != null) {
                try (InputStream in = streamed(zip, stringsPart)) {
                    sharedStrings = SharedStringTable.read(in, stringsPart.getPartName().getName(),
                            limits.maxCellChars(), sharedStringsMemory, spillDirectory);
                }
            } else {
                sharedStrings = SharedStringTable.empty();
            }
            o.sharedStrings = sharedStrings;
            zip.checkNoHostileContent();

            String sheetEntry = entryName(sheetPart);
            long sheetCompressedSize = sheetPart instanceof ZipPackagePart z ? z.getZipArchive().getCompressedSize() : -1;
            InputStream sheetStream = streamed(zip, sheetPart);
            o.sheetStream = sheetStream;
            XMLStreamReader sheetXml = XlsxXml.open(sheetStream);
            o.sheetXml = sheetXml;
            XlsxSheetReader rows = new XlsxSheetReader(sheetXml, sheetPart.getPartName().getName(), sharedStrings,
                    styles, workbook.date1904(), limits.maxCellChars());
            return new XlsxSource(zip, pkg, sharedStrings, sheetStream, sheetXml, rows, sheetEntry, sheetCompressedSize,
                    new SourceInfo(SourceFormat.XLSX, null, null, sheet.name(), size), limits.maxRows());
        } catch (ImportFileException e) {
            o.close();
            throw e;
        } catch (Exception e) {
            o.close();
            throw translate(e, o.zip);
        }
    }

    private static long checkFile(Path file, SourceLimits limits) {
        long size;
        byte[] magic = new byte[4];
        int read = 0;
        try {
            size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw new ImportFileException(ErrorCode.FILE_TOO_LARGE, "The file has " + size
                        + " bytes, more than the " + limits.maxFileBytes() + " allowed.");
            }
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while (read < magic.length && (n = in.read(magic, read, magic.length - read)) > 0) {
                    read += n;
                }
            }
        } catch (NoSuchFileException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file does not exist.", e);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The file cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new ImportFileException(ErrorCode.FILE_EMPTY, "The file is empty.");
        }
        boolean zipMagic = read >= 4 && magic[0] == 'P' && magic[1] == 'K'
                && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
        if (!zipMagic) {
            boolean ole2 = read >= 4 && (magic[0] & 0xFF) == 0xD0 && (magic[1] & 0xFF) == 0xCF
                    && (magic[2] & 0xFF) == 0x11 && (magic[3] & 0xFF) == 0xE0;
            throw new ImportFileException(ErrorCode.FILE_FORMAT_UNSUPPORTED, ole2
                    ? "The file is not an .xlsx workbook but an OLE2 file: a legacy .xls workbook, or a "
                            + "password-protected .xlsx, which cannot be imported."
                    : "The file is not an .xlsx workbook (it is not a zip file).");
        }
        return size;
    }

    private static XlsxWorkbook.Sheet select(List<XlsxWorkbook.Sheet> sheets, SourceOptions options) {
        if (sheets.isEmpty()) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The workbook has no sheets.");
        }
        return sheets.get(Workbooks.chooseSheet(sheets.stream().map(XlsxWorkbook.Sheet::name).toList(), options));
    }

    private static PackagePart sheetPart(PackagePart workbookPart, XlsxWorkbook.Sheet sheet)
            throws OpenXML4JException {
        PackageRelationship rel = sheet.relationshipId() == null ? null
                : workbookPart.getRelationship(sheet.relationshipId());
        PackagePart part = rel == null || rel.getTargetMode() != TargetMode.INTERNAL ? null
                : workbookPart.getRelatedPart(rel);
        if (rel == null || part == null) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The sheet '" + sheet.name()
                    + "' is missing from the file.");
        }
        if (!isRelationship(rel, "worksheet")) {
            throw new ImportFileException(ErrorCode.FILE_UNREADABLE, "The sheet '" + sheet.name()
                    + "' is not a worksheet (a chart or macro sheet?) and has no cells to import.");
        }
        return part;
    }

    private static boolean isRelationship(PackageRelationship rel, String type) {
        String actual = rel.getRelationshipType();
        return actual.equals(TRANSITIONAL_RELATIONSHIPS + type) || actual.equals(STRICT_RELATIONSHIPS + type);
    }

    /** The first internal part the workbook relates to by the type, transitional or strict. */
    private static @Nullable PackagePart related(PackagePart workbookPart, String type) throws OpenXML4JException {
        for (String namespace : List.of(TRANSITIONAL_RELATIONSHIPS, STRICT_RELATIONSHIPS)) {
            PackageRelationshipCollection rels = workbookPart.getRelationshipsByType(namespace + type);
            for (PackageRelationship rel : rels) {
                if (rel.getTargetMode() == TargetMode.INTERNAL) {
                    PackagePart part = workbookPart.getRelatedPart(rel);
                    if (part != null) {
                        return part;
                    }
                }
            }
        }
        return null;
    }

    private static InputStream streamed(GuardedZipSource zip, PackagePart part) throws IOException {
        zip.allowStreaming(entryName(part));
        return part.getInputStream();
    }

    private static String entryName(PackagePart part) {
        return part instanceof ZipPackagePart z ? z.getZipArchive().getName() : part.getPartName().getName().substring(1);
    }

    private static ImportFileException translate(Throwable e, @Nullable GuardedZipSource zip) {
        HostileContentException hostile = zip == null ? null : zip.hostileContent();
        for (Throwable t = e; t != null && hostile == null; t = t.getCause()) {
            if (t instanceof HostileContentException h) {
                hostile = h;
            } else if (t instanceof ImportFileException i) {
                return i;
            }
        }
        if (hostile != null) {
            return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                    Objects.toString(hostile.getMessage(), "The file holds hostile content."), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XlsxSheetReader.CorruptSheetException) {
                return new ImportFileException(ErrorCode.FILE_UNREADABLE, "The sheet is damaged: " + t.getMessage()
                        + ".", e);
            }
            if (t instanceof UnsupportedFileFormatException) {
                return new ImportFileException(ErrorCode.FILE_FORMAT_UNSUPPORTED,
                        "The file is a zip file but not an Excel workbook (.xlsx).", e);
            }
        }
        String detail = e instanceof XMLStreamException x && x.getLocation() != null
                ? "broken XML at line " + x.getLocation().getLineNumber() + ": " + firstLine(x.getMessage())
                : firstLine(e.getMessage());
        return new ImportFileException(ErrorCode.FILE_UNREADABLE,
                "The file cannot be read as an Excel workbook; it may be truncated or damaged"
                        + (detail.isEmpty() ? "." : " (" + detail + ")."), e);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        String s = message.strip();
        int nl = s.lastIndexOf('\n');
        s = nl >= 0 ? s.substring(nl + 1).strip() : s;
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Override
    public @Nullable SourceRecord next() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (atEnd) {
            return null;
        }
        try {
            SourceRecord record = rows.next();
            if (record == null) {
                atEnd = true;
                return null;
            }
            if (++records > maxRows) {
                throw new ImportFileException(ErrorCode.TOO_MANY_ROWS, "The sheet has more than " + maxRows
                        + " rows.");
            }
            return record;
        } catch (ImportFileException e) {
            failure = e;
            throw e;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            failure = translate(e, zip);
            throw failure;
        }
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public long bytesRead() {
        long total = info.totalBytes();
        if (atEnd) {
            return total;
        }
        if (closed || sheetCompressedSize <= 0) {
            return 0;
        }
        long consumed = Math.min(zip.compressedBytesRead(sheetEntry), sheetCompressedSize);
        return (long) ((double) total * consumed / sheetCompressedSize);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            new Opened(zip, pkg, sharedStrings, sheetStream, sheetXml).close();
        }
    }

    /** The XSSFReader's way of finding the workbook part, by the core document relationship. */
    private static final class PartLocator extends XSSFReader {

        PartLocator(OPCPackage pkg) throws IOException, OpenXML4JException {
            super(pkg, true);
        }

        PackagePart workbookPart() {
            return workbookPart;
        }
    }

    /** What has been opened so far, to be closed together. */
    private static final class Opened {
        @Nullable GuardedZipSource zip;
        @Nullable OPCPackage pkg;
        @Nullable SharedStringTable sharedStrings;
        @Nullable InputStream sheetStream;
        @Nullable XMLStreamReader sheetXml;

        Opened() {
        }

        Opened(GuardedZipSource zip, OPCPackage pkg, SharedStringTable sharedStrings, InputStream sheetStream,
               XMLStreamReader sheetXml) {
            this.zip = zip;
            this.pkg = pkg;
            this.sharedStrings = sharedStrings;
            this.sheetStream = sheetStream;
            this.sheetXml = sheetXml;
        }

        void close() {
            XlsxXml.closeQuietly(sheetXml);
            if (sheetStream != null) {
                try {
                    sheetStream.close();
                } catch (IOException | RuntimeException e) {
                    // nothing to do
                }
            }
            if (sharedStrings != null) {
                sharedStrings.close();
            }
            if (pkg != null) {
                try {
                    pkg.revert();
                } catch (RuntimeException e) {
                    // nothing to do
                }
            }
            if (zip != null) {
                try {
                    zip.close();
                } catch (IOException | RuntimeException e) {
                    // nothing to do
                }
            }
        }
    }
}
