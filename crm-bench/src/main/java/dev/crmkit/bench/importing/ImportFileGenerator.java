package dev.crmkit.bench.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the import benchmark's files: {@code n} customers as Turkish Excel writes them (CSV in
 * Windows-1254 with {@code ;}, or XLSX), phones in the five usual spellings, about 1% invalid rows
 * and 0.5% phones repeated from an earlier row. The same seed gives the same file; a phone offset
 * gives a file whose numbers are disjoint from the first one's.
 */
public final class ImportFileGenerator {

    static final String[] HEADERS = {"Ad Soyad", "Telefon", "E-posta", "Şirket", "Segment"};
    private static final String[] GIVEN = {"Ayşe", "Mehmet", "Işık", "Çağrı", "Gülşen", "İsmail", "Zeynep", "Emre",
        "Şule", "Oğuz", "Fatma", "Ahmet", "Elif", "Hüseyin", "Merve", "Mustafa"};
    private static final String[] FAMILY = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan",
        "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özdemir"};
    private static final String[] COMPANY = {"İstanbul Lojistik", "Ankara Gıda A.Ş.", "İzmir Tekstil", "", "", ""};
    private static final String[] SEGMENT = {"Normal", "VIP", "Risk", "Potansiyel", "", "Normal", "Normal"};
    /** Mobile prefixes libphonenumber accepts for Turkey. */
    private static final int[] PREFIX = {530, 531, 532, 533, 534, 535, 536, 537, 538, 539, 541, 542, 543, 544, 545,
        546, 547, 548, 549, 551, 552, 553, 554, 555, 559};

    private ImportFileGenerator() {
    }

    /** The cells of row {@code i} (0-based data row). */
    static String[] row(Random random, int i) {
        return row(random, i, 0, 0);
    }

    /**
     * The cells of row {@code i} (0-based data row) of a file whose phone numbers start at number
     * {@code phoneOffset}: files with offsets {@code rows} apart have no number in common. With
     * {@code storedRows > 0}, one row in ten takes instead the number of a random row below
     * {@code storedRows} of the file at offset 0, which a store that imported that file already
     * holds (unless that row was invalid or a repeat there).
     */
    static String[] row(Random random, int i, int phoneOffset, int storedRows) {
        int n = phoneOffset + i;
        String phone = spelled(national(n), n);
        int dice = random.nextInt(1000);
        if (dice < 10) {
            phone = "0530 12" + (dice % 10); // invalid: too short
        } else if (dice < 15 && i > 100) {
            int earlier = n - 1 - random.nextInt(100);
            phone = "0" + national(earlier); // repeats an earlier row's number
        } else if (storedRows > 0 && dice >= 900) {
            int stored = random.nextInt(storedRows);
            phone = spelled(national(stored), stored); // a number of the first file
        }
        String given = GIVEN[random.nextInt(GIVEN.length)];
        String family = FAMILY[random.nextInt(FAMILY.length)];
        return new String[] {given + " " + family, phone,
            random.nextInt(10) < 7 ? ascii(given).toLowerCase() + "." + n + "@ornek.com.tr" : "",
            COMPANY[random.nextInt(COMPANY.length)], SEGMENT[random.nextInt(SEGMENT.length)]};
    }

    /** The national number (10 digits) of number {@code n}: the prefixes in turn, then counting up. */
    static long national(int n) {
        return PREFIX[n % PREFIX.length] * 10_000_000L + (n / PREFIX.length) % 10_000_000L;
    }

    /** Number {@code n} in one of the five usual spellings, chosen by {@code n}. */
    private static String spelled(long national, int n) {
        String digits = Long.toString(national);
        return switch (n % 5) {
            case 0 -> "+90" + digits;
            case 1 -> "0" + digits;
            case 2 -> "0" + digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6, 8) + " "
                    + digits.substring(8);
            case 3 -> "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
            default -> "90" + digits;
        };
    }

    private static String ascii(String s) {
        return s.replace('ş', 's').replace('Ş', 'S').replace('ç', 'c').replace('Ç', 'C').replace('ğ', 'g')
                .replace('ı', 'i').replace('İ', 'I').replace('ö', 'o').replace('Ö', 'O').replace('ü', 'u')
                .replace('Ü', 'U');
    }

    /** A Windows-1254 CSV with {@code ;}, CRLF line ends. */
    public static Path csv(Path file, int rows, long seed) throws IOException {
        return csv(file, rows, seed, 0, 0);
    }

    /**
     * A Windows-1254 CSV with {@code ;}, CRLF line ends, its numbers starting at {@code phoneOffset};
     * with {@code storedRows > 0}, about 10% of its rows carry a number of the first
     * {@code storedRows} rows of the file at offset 0 (see {@link #row(Random, int, int, int)}).
     */
    public static Path csv(Path file, int rows, long seed, int phoneOffset, int storedRows) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, Charset.forName("windows-1254"))) {
            out.write(String.join(";", HEADERS));
            out.write("\r\n");
            for (int i = 0; i < rows; i++) {
                out.write(String.join(";", row(random, i, phoneOffset, storedRows)));
                out.write("\r\n");
            }
        }
        return file;
    }

    /** An XLSX of the same rows, written with POI's streaming writer. */
    public static Path xlsx(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); OutputStream out = Files.newOutputStream(file)) {
            wb.setCompressTempFiles(true);
            Sheet sheet = wb.createSheet("Müşteriler");
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADERS.length; c++) {
                header.createCell(c).setCellValue(HEADERS[c]);
            }
            for (int i = 0; i < rows; i++) {
                String[] cells = row(random, i);
                Row row = sheet.createRow(i + 1);
                for (int c = 0; c < cells.length; c++) {
                    if (c == 1 && cells[c].startsWith("90")) {
                        // Excel turns a typed 905301234567 into a number.
                        row.createCell(c).setCellValue(Double.parseDouble(cells[c]));
                    } else {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            wb.write(out);
        }
        return file;
    }
}
