package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files the command line writes, {@code template OUT} and {@code import --errors OUT}, in both
 * formats: formula-like custom field labels, options and rejected cells come out neutralised, and
 * XLSX cells are plain strings.
 */
class WrittenFilesInjectionTest {

    private static final Set<Character> FORMULA_STARTS = Set.of('=', '+', '-', '@', '\t', '\r', '\n',
            '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20');
    private static final String EVIL_LABEL = "=HYPERLINK(\"http://evil.example\",\"x\")";

    @TempDir
    Path work;

    private int crm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return CrmCli.execute(args, o, e, work, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "xlsx"})
    void templateAndErrorReportAreNeutralised(String extension) throws IOException {
        assertThat(crm("fields", "add", "evil", "--label", EVIL_LABEL, "--type", "SINGLE_SELECT",
                "--options", "=A,+B")).isEqualTo(CrmCli.OK);
        Path template = work.resolve("sablon." + extension);
        assertThat(crm("template", template.toString())).isEqualTo(CrmCli.OK);

        List<List<String>> cells = cells(template);
        assertNoFormulaStart(cells);
        assertThat(cells.get(0)).contains("'" + EVIL_LABEL);
        assertThat(cells.get(1)).contains("'=A");

        Path input = Files.writeString(work.resolve("girdi.csv"), "İsim;Telefon;=cmd|' /C calc'!A0\n"
                + "@SUM(A1);+1+1;-2+3\n\uFF1D1+1;12345;\"\t=1\"\n", StandardCharsets.UTF_8);
        Path errors = work.resolve("hatalar." + extension);
        assertThat(crm("import", input.toString(), "--errors", errors.toString())).isEqualTo(CrmCli.REJECTED_ROWS);

        List<List<String>> report = cells(errors);
        assertNoFormulaStart(report);
        assertThat(report.get(0)).contains("'=cmd|' /C calc'!A0");
        assertThat(report.stream().flatMap(List::stream).toList())
                .contains("'@SUM(A1)", "'+1+1", "'-2+3", "'\uFF1D1+1", "'\t=1");
    }

    private static List<List<String>> cells(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        if (file.toString().endsWith(".csv")) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(text))) {
                for (CSVRecord r : parser) {
                    rows.add(r.toList());
                }
            }
            return rows;
        }
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Row row : wb.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isEqualTo(CellType.STRING);
                    cells.add(cell.getStringCellValue());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static void assertNoFormulaStart(List<List<String>> rows) {
        for (List<String> row : rows) {
            for (String cell : row) {
                if (!cell.isEmpty()) {
                    assertThat(FORMULA_STARTS).as("the first character of %s", cell).doesNotContain(cell.charAt(0));
                }
            }
        }
    }
}
