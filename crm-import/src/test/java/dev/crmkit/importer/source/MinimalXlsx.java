package dev.crmkit.importer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes small .xlsx files from hand-written XML, for cases POI's writers cannot produce
 * (exponent notation, sparse and reference-less cells, phonetic runs, hostile parts), and
 * rewrites parts of existing zips.
 */
final class MinimalXlsx {

    static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private final List<String[]> sheets = new ArrayList<>();
    private final List<String> sharedStrings = new ArrayList<>();
    private String stylesXml;
    private boolean date1904;
    private boolean strict;
    private final Map<String, byte[]> replaced = new LinkedHashMap<>();

    /** A workbook whose one sheet "Sayfa1" has the given {@code <sheetData>} content. */
    static MinimalXlsx sheet(String sheetData) {
        return new MinimalXlsx().addSheet("Sayfa1", sheetData);
    }

    MinimalXlsx addSheet(String name, String sheetData) {
        sheets.add(new String[] {name, sheetData});
        return this;
    }

    /** Shared strings, each the inner XML of one {@code <si>}. */
    MinimalXlsx sharedStrings(String... si) {
        sharedStrings.addAll(List.of(si));
        return this;
    }

    /** A stylesheet with these custom number formats ({@code id=code}) and cell formats (numFmtIds). */
    MinimalXlsx styles(Map<Integer, String> numFmts, int... cellXfNumFmtIds) {
        StringBuilder sb = new StringBuilder(DECLARATION).append("<styleSheet xmlns=\"").append(MAIN_NS).append("\">");
        if (!numFmts.isEmpty()) {
            sb.append("<numFmts count=\"").append(numFmts.size()).append("\">");
            numFmts.forEach((id, code) -> sb.append("<numFmt numFmtId=\"").append(id).append("\" formatCode=\"")
                    .append(code.replace("\"", "&quot;")).append("\"/>"));
            sb.append("</numFmts>");
        }
        sb.append("<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>");
        sb.append("<cellXfs count=\"").append(cellXfNumFmtIds.length).append("\">");
        for (int id : cellXfNumFmtIds) {
            sb.append("<xf numFmtId=\"").append(id).append("\" xfId=\"0\" applyNumberFormat=\"1\"/>");
        }
        sb.append("</cellXfs></styleSheet>");
        stylesXml = sb.toString();
        return this;
    }

    MinimalXlsx date1904() {
        date1904 = true;
        return this;
    }

    /** Writes Strict OOXML (ISO 29500) namespaces and relationship types instead of transitional ones. */
    MinimalXlsx strict() {
        strict = true;
        return this;
    }

    /** Replaces (or adds) a zip entry with exactly these bytes. */
    MinimalXlsx replace(String entry, byte[] content) {
        replaced.put(entry, content);
        return this;
    }

    MinimalXlsx replace(String entry, String content) {
        return replace(entry, content.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, byte[]> parts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        StringBuilder types = new StringBuilder(DECLARATION)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        for (int i = 1; i <= sheets.size(); i++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        if (!sharedStrings.isEmpty()) {
            types.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        }
        if (stylesXml != null) {
            types.append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        }
        types.append("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
        types.append("</Types>");
        parts.put("[Content_Types].xml", bytes(types));

        parts.put("_rels/.rels", bytes(new StringBuilder(DECLARATION)
                .append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
                .append("<Relationship Id=\"rId1\" Type=\"").append(REL_NS).append("/officeDocument\" Target=\"xl/workbook.xml\"/>")
                .append("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
                .append("</Relationships>")));
        parts.put("docProps/core.xml", bytes(new StringBuilder(DECLARATION)
                .append("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ")
                .append("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>crmkit</dc:creator></cp:coreProperties>")));

        StringBuilder workbook = new StringBuilder(DECLARATION).append("<workbook xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\">");
        if (date1904) {
            workbook.append("<workbookPr date1904=\"1\"/>");
        }
        workbook.append("<sheets>");
        StringBuilder rels = new StringBuilder(DECLARATION)
                .append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 1; i <= sheets.size(); i++) {
            workbook.append("<sheet name=\"").append(sheets.get(i - 1)[0]).append("\" sheetId=\"").append(i)
                    .append("\" r:id=\"rId").append(i).append("\"/>");
            rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        workbook.append("</sheets></workbook>");
        if (!sharedStrings.isEmpty()) {
            rels.append("<Relationship Id=\"rIdS\" Type=\"").append(REL_NS).append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        }
        if (stylesXml != null) {
            rels.append("<Relationship Id=\"rIdY\" Type=\"").append(REL_NS).append("/styles\" Target=\"styles.xml\"/>");
        }
        rels.append("</Relationships>");
        parts.put("xl/workbook.xml", bytes(workbook));
        parts.put("xl/_rels/workbook.xml.rels", bytes(rels));
        for (int i = 1; i <= sheets.size(); i++) {
            parts.put("xl/worksheets/sheet" + i + ".xml", bytes(new StringBuilder(DECLARATION)
                    .append("<worksheet xmlns=\"").append(MAIN_NS).append("\" xmlns:r=\"").append(REL_NS)
                    .append("\"><sheetData>").append(sheets.get(i - 1)[1]).append("</sheetData></worksheet>")));
        }
        if (!sharedStrings.isEmpty()) {
            StringBuilder sst = new StringBuilder(DECLARATION).append("<sst xmlns=\"").append(MAIN_NS)
                    .append("\" count=\"").append(sharedStrings.size()).append("\" uniqueCount=\"")
                    .append(sharedStrings.size()).append("\">");
            sharedStrings.forEach(si -> sst.append("<si>").append(si).append("</si>"));
            parts.put("xl/sharedStrings.xml", bytes(sst.append("</sst>")));
        }
        if (stylesXml != null) {
            parts.put("xl/styles.xml", stylesXml.getBytes(StandardCharsets.UTF_8));
        }
        if (strict) {
            parts.replaceAll((name, bytes) -> new String(bytes, StandardCharsets.UTF_8)
                    .replace(REL_NS, "http://purl.oclc.org/ooxml/officeDocument/relationships")
                    .replace(MAIN_NS, "http://purl.oclc.org/ooxml/spreadsheetml/main")
                    .getBytes(StandardCharsets.UTF_8));
        }
        parts.putAll(replaced);
        return parts;
    }

    Path write(Path file) throws IOException {
        writeZip(file, parts());
        return file;
    }

    static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** The entries of a zip, in order. */
    static Map<String, byte[]> readZip(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Copies a zip, replacing one entry. */
    static Path rewrite(Path source, Path target, String entry, byte[] content) throws IOException {
        Map<String, byte[]> entries = readZip(source);
        if (!entries.containsKey(entry)) {
            throw new IllegalArgumentException("no entry " + entry + " in " + entries.keySet());
        }
        entries.put(entry, content);
        writeZip(target, entries);
        return target;
    }

    static String text(Path zip, String entry) throws IOException {
        return new String(readZip(zip).get(entry), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
