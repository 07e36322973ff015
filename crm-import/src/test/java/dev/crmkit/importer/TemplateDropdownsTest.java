package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.importer.report.ReportFormat;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XLSX template's dropdowns (Excel data validation): which columns offer which values, where
 * long lists live, and that every value offered imports as it is, read back by POI as Excel
 * reads the file.
 */
class TemplateDropdownsTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final List<String> MANY = manyOptions();

    @TempDir
    Path dir;

    private Crm crm;
    private Importer importer;
    private final Actor admin = Actor.admin(ACME, "boss");

    @BeforeEach
    void setUp() {
        InMemoryUserDirectory users = new InMemoryUserDirectory()
                .add(ACME, DirectoryUser.of("mehmet", "Mehmet Kaya"))
                .add(ACME, DirectoryUser.of("ayse", "Ayşe Yılmaz", "agents"))
                .add(TenantId.of("globex"), DirectoryUser.of("kemal", "Kemal Sunal"));
        crm = Crm.builder(InMemoryStorage.create()).userDirectory(users).build();
        importer = Importer.builder(crm).workDir(dir).build();
        crm.customFields().define(admin, CustomFieldDefinition.builder("kvkk", "KVKK Onayı", FieldType.BOOLEAN).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("kanal", "Kanal", FieldType.SINGLE_SELECT)
                .options("Telefon", "E-posta", "Saha, Ziyaret").build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("il", "İl", FieldType.SINGLE_SELECT)
                .options(MANY).build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("ilgi", "İlgi Alanları", FieldType.MULTI_SELECT)
                .options("Spor", "Müzik").build());
        crm.customFields().define(admin, CustomFieldDefinition.builder("not", "Not", FieldType.TEXT).build());
    }

    @Test
    void columnsOfAFewValuesOfferThemAndFreeTextColumnsDoNot() throws IOException {
        try (XSSFWorkbook book = template(admin)) {
            Map<String, List<String>> offered = dropdowns(book);

            assertThat(offered).containsOnlyKeys("Müşteri Tipi", "Segment", "Müşteri Durumu", "Temsilci", "KVKK Onayı",
                    "Kanal", "İl");
            assertThat(offered.get("Müşteri Tipi")).containsExactly("Kişi", "Şirket");
            assertThat(offered.get("Segment")).containsExactly("VIP", "Normal", "Risk", "Potansiyel");
            assertThat(offered.get("Müşteri Durumu")).containsExactly("Aktif", "Pasif");
            assertThat(offered.get("Temsilci")).as("the tenant's own users").containsExactly("ayse", "mehmet");
            assertThat(offered.get("KVKK Onayı")).containsExactly("Evet", "Hayır");
            assertThat(offered.get("Kanal")).containsExactly("Telefon", "E-posta", "Saha, Ziyaret");
            assertThat(offered.get("İl")).isEqualTo(MANY);
        }
    }

    @Test
    void shortListsAreTheDropdownsOwnAndLongOrCommaHoldingOnesLiveOnTheSecondSheet() throws IOException {
        try (XSSFWorkbook book = template(admin)) {
            assertThat(book.getSheetName(0)).isEqualTo("Müşteriler");
            XSSFSheet lists = book.getSheet("Listeler");
            assertThat(lists).isNotNull();
            assertThat(book.getSheetIndex(lists)).isEqualTo(1);
            List<String> titles = new ArrayList<>();
            lists.getRow(0).forEach(c -> titles.add(c.getStringCellValue()));
            assertThat(titles).as("in the order of their columns").containsExactly("İl", "Kanal");
            for (XSSFDataValidation v : book.getSheetAt(0).getDataValidations()) {
                String header = header(book, v);
                boolean onSheet = header.equals("Kanal") || header.equals("İl");
                assertThat(v.getValidationConstraint().getExplicitListValues() == null).as(header).isEqualTo(onSheet);
                CellRangeAddress range = v.getRegions().getCellRangeAddress(0);
                assertThat(range.getFirstRow()).as("below the header, example row included").isEqualTo(1);
                assertThat(range.getLastRow()).as("to the sheet's end").isEqualTo(1_048_575);
                assertThat(v.getEmptyCellAllowed()).isTrue();
                assertThat(v.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.STOP);
                assertThat(v.getShowErrorBox()).isTrue();
            }
            var raw = book.getSheetAt(0).getCTWorksheet().getDataValidations().getDataValidationArray();
            assertThat(raw).hasSize(7).allSatisfy(v -> assertThat(v.isSetShowDropDown() && v.getShowDropDown())
                    .as("showDropDown, which hides the arrow in Excel").isFalse());
        }
    }

    @Test
    void everyValueOfferedImportsAsItIs() throws IOException {
        Map<String, List<String>> offered;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        importer.writeTemplate(admin, bytes, ReportFormat.XLSX);
        Path filled = dir.resolve("dolu.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            offered = dropdowns(book);
            XSSFSheet sheet = book.getSheetAt(0);
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            int longest = offered.values().stream().mapToInt(List::size).max().orElseThrow();
            for (int k = 0; k < longest; k++) {
                // Below the marker row (row 3): one record per value of the longest list.
                XSSFRow row = sheet.createRow(3 + k);
                row.createCell(headers.indexOf("Ad Soyad")).setCellValue("Müşteri " + k);
                row.createCell(headers.indexOf("Telefon")).setCellValue("0532 100 " + String.format("%04d", k));
                for (Map.Entry<String, List<String>> e : offered.entrySet()) {
                    List<String> values = e.getValue();
                    row.createCell(headers.indexOf(e.getKey())).setCellValue(values.get(k % values.size()));
                }
            }
            try (OutputStream out = Files.newOutputStream(filled)) {
                book.write(out);
            }
        }

        ImportReport report = importer.importFile(admin, filled, ImportOptions.defaults());

        assertThat(report.firstErrors()).isEmpty();
        assertThat(report.created()).isEqualTo(MANY.size());
        Customer first = crm.customers().findByPhone(admin, "0532 100 0000").orElseThrow();
        assertThat(first.representative()).isEqualTo("ayse");
        assertThat(first.customFields()).containsEntry("kanal", "Telefon").containsEntry("il", MANY.get(0))
                .containsEntry("kvkk", true);
        Customer third = crm.customers().findByPhone(admin, "0532 100 0002").orElseThrow();
        assertThat(third.customFields()).containsEntry("kanal", "Saha, Ziyaret");
        assertThat(crm.customers().count(admin, CustomerQuery.all())).isEqualTo(MANY.size());
    }

    @Test
    void anActorWhoMayNotListUsersGetsNoRepresentativeList() throws IOException {
        crm.permissions().grantUser(admin, "mehmet", PermissionLevel.VIEW);

        try (XSSFWorkbook book = template(Actor.user(ACME, "mehmet"))) {
            assertThat(dropdowns(book)).doesNotContainKey("Temsilci").containsKey("Segment");
        }
    }

    @Test
    void theCsvTemplateIsUnchangedByDropdowns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        importer.writeTemplate(admin, bytes, ReportFormat.CSV);

        String csv = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv).doesNotContain("Listeler").doesNotContain("mehmet");
    }

    private XSSFWorkbook template(Actor actor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        importer.writeTemplate(actor, bytes, ReportFormat.XLSX);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** Each dropdown of the first sheet, by its column's header: the values it offers, resolved as Excel does. */
    private static Map<String, List<String>> dropdowns(XSSFWorkbook book) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (XSSFDataValidation v : book.getSheetAt(0).getDataValidations()) {
            assertThat(v.getValidationConstraint().getValidationType())
                    .isEqualTo(org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType.LIST);
            String[] explicit = v.getValidationConstraint().getExplicitListValues();
            List<String> values = new ArrayList<>();
            if (explicit != null) {
                values.addAll(List.of(explicit));
            } else {
                AreaReference area = new AreaReference(v.getValidationConstraint().getFormula1(),
                        org.apache.poi.ss.SpreadsheetVersion.EXCEL2007);
                XSSFSheet sheet = book.getSheet(area.getFirstCell().getSheetName());
                for (CellReference ref : area.getAllReferencedCells()) {
                    values.add(sheet.getRow(ref.getRow()).getCell(ref.getCol()).getStringCellValue());
                }
            }
            out.put(header(book, v), values);
        }
        return out;
    }

    private static String header(XSSFWorkbook book, XSSFDataValidation v) {
        int column = v.getRegions().getCellRangeAddress(0).getFirstColumn();
        return book.getSheetAt(0).getRow(0).getCell(column).getStringCellValue();
    }

    private static List<String> manyOptions() {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 81; i++) {
            many.add("İl " + i);
        }
        return List.copyOf(many);
    }
}
