package dev.crmkit.bench.importing;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The customers of an {@link ImportFileGenerator} CSV cleaned in Java, as the importer would
 * store them: what the baselines write and what the import's counts are checked against. A row is
 * dropped when its name is blank, its phone is not a valid number ({@link PhoneParser}, region TR),
 * its segment is unknown, its number was taken by an earlier row of the file, or its number is
 * already stored; the first row with a number keeps it.
 *
 * @param rows the kept rows, in file order (empty when only counted)
 * @param fileRows data rows read (header excluded)
 * @param created rows kept: the customers an import of the file creates
 * @param invalid rows dropped for an invalid value
 * @param repeated rows dropped for a number an earlier row of the file has
 * @param stored rows dropped for a number already stored
 */
public record CleanRows(List<CleanRow> rows, int fileRows, int created, int invalid, int repeated, int stored) {

    /** The generator's files: Turkish Excel's CSV. */
    static final Charset TURKISH = Charset.forName("windows-1254");
    static final char DELIMITER = ';';

    /** Cleans and keeps every row of the file; numbers for which {@code alreadyStored} holds are dropped. */
    public static CleanRows read(Path csv, Predicate<String> alreadyStored) throws IOException {
        return read(csv, alreadyStored, true);
    }

    /** Only counts what {@link #read} would keep and drop. */
    public static CleanRows count(Path csv, Predicate<String> alreadyStored) throws IOException {
        return read(csv, alreadyStored, false);
    }

    private static CleanRows read(Path csv, Predicate<String> alreadyStored, boolean keep) throws IOException {
        Normalizer normalizer = new Normalizer();
        List<CleanRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int fileRows = 0;
        int created = 0;
        int invalid = 0;
        int repeated = 0;
        int stored = 0;
        try (Reader in = Files.newBufferedReader(csv, TURKISH);
             CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(DELIMITER).get().parse(in)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                fileRows++;
                String[] cells = new String[ImportFileGenerator.HEADERS.length];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = c < record.size() ? record.get(c) : "";
                }
                CleanRow row = normalizer.clean(cells);
                if (row == null) {
                    invalid++;
                } else if (!seen.add(row.phone())) {
                    repeated++;
                } else if (alreadyStored.test(row.phone())) {
                    stored++;
                } else {
                    created++;
                    if (keep) {
                        rows.add(row);
                    }
                }
            }
        }
        return new CleanRows(List.copyOf(rows), fileRows, created, invalid, repeated, stored);
    }

    /** The numbers of the kept rows, for the file imported after this one. */
    public Set<String> phones() {
        Set<String> phones = new HashSet<>(rows.size() * 2);
        rows.forEach(r -> phones.add(r.phone()));
        return phones;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d rows: %,d kept, %,d invalid, %,d repeated in the file, %,d already stored",
                fileRows, created, invalid, repeated, stored);
    }

    /**
     * Cleans the cells of one generator row (name, phone, e-mail, company, segment) the way the
     * importer and core do: text trimmed (one leading apostrophe dropped), runs of white space in
     * the name and company made one space, the e-mail's domain lower-cased, the phone parsed to
     * E.164, the segment read in Turkish or English. Returns {@code null} for a row the import
     * rejects for its own values. Thread-safe.
     */
    public static final class Normalizer {

        private final PhoneParser phones = PhoneParser.forRegion("TR");

        public CleanRow clean(String[] cells) {
            String name = collapse(cells[0]);
            String phoneText = cleanCell(cells[1]);
            if (name == null || phoneText.isEmpty()) {
                return null;
            }
            PhoneNumber phone;
            try {
                phone = phones.parse(phoneText);
            } catch (CrmValidationException e) {
                return null;
            }
            String email = emailOf(cleanCell(cells[2]));
            String company = collapse(cells[3]);
            Segment segment = segmentOf(cleanCell(cells[4]));
            if (segment == null) {
                return null;
            }
            return CleanRow.of(name, phone, email, company, segment);
        }

        /** Trimmed, one leading apostrophe (a spreadsheet's text marker) dropped. */
        private static String cleanCell(String cell) {
            String s = TextFolding.trim(cell == null ? "" : cell);
            if (!s.isEmpty() && s.charAt(0) == '\'') {
                s = TextFolding.trim(s.substring(1));
            }
            return s;
        }

        /** Cleaned, every run of white space one space; {@code null} for blank. */
        private static String collapse(String cell) {
            String s = cleanCell(cell);
            if (s.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder(s.length());
            boolean space = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (TextFolding.isSpace(c)) {
                    space = true;
                } else {
                    if (space) {
                        sb.append(' ');
                        space = false;
                    }
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        /** The generator writes only valid addresses; like core, the domain is lower-cased. */
        private static String emailOf(String text) {
            if (text.isEmpty()) {
                return null;
            }
            int at = text.lastIndexOf('@');
            return at < 0 ? text : text.substring(0, at + 1) + text.substring(at + 1).toLowerCase(Locale.ROOT);
        }

        /** Blank is NORMAL, the default; {@code null} for a value the importer rejects. */
        private static Segment segmentOf(String text) {
            if (text.isEmpty()) {
                return Segment.NORMAL;
            }
            return switch (TextFolding.fold(text)) {
                case "vip" -> Segment.VIP;
                case "normal" -> Segment.NORMAL;
                case "risk", "riskli" -> Segment.RISK;
                case "potansiyel", "potential" -> Segment.POTENTIAL;
                default -> null;
            };
        }
    }
}
