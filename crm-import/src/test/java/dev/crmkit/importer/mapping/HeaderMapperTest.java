package dev.crmkit.importer.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.importer.ImportFileException;
import dev.crmkit.core.importjob.JobWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderMapperTest {

    private static final List<CustomFieldDefinition> NONE = List.of();

    private static FieldTarget targetOf(HeaderMapping m, int column) {
        return m.columns().get(column).target();
    }

    @Nested
    class Aliases {

        @ParameterizedTest(name = "''{0}'' maps to {1}")
        @CsvSource(delimiter = '|', value = {
                "isim|FULL_NAME", "İSİM|FULL_NAME", "ISIM|FULL_NAME", " Ad Soyad |FULL_NAME", "ADI SOYADI|FULL_NAME",
                "Adı-Soyadı|FULL_NAME", "Müşteri Adı|FULL_NAME", "MUSTERI ADI|FULL_NAME", "Name|FULL_NAME",
                "Full Name|FULL_NAME", "telefon|PHONE", "Telefon Numarası|PHONE", "TEL|PHONE", "GSM|PHONE",
                "Cep|PHONE", "Phone Number|PHONE", "mobile|PHONE", "E-posta|EMAIL", "EPOSTA|EMAIL", "Mail|EMAIL",
                "email|EMAIL", "Şirket|COMPANY", "SIRKET|COMPANY", "Firma|COMPANY", "company|COMPANY",
                "Segment|SEGMENT", "Müşteri Tipi|TYPE", "Tip|TYPE", "type|TYPE", "Müşteri Durumu|STATUS",
                "Status|STATUS", "Durum|PROCESSING_STATUS", "İşlem Durumu|PROCESSING_STATUS",
                "Processing Status|PROCESSING_STATUS", "Temsilci|REPRESENTATIVE", "Müşteri Temsilcisi|REPRESENTATIVE",
                "owner|REPRESENTATIVE", "TCKN|NATIONAL_ID", "TC Kimlik No|NATIONAL_ID", "National ID|NATIONAL_ID",
                "Faks|FAX", "fax|FAX", "Adres|ADDRESS", "address|ADDRESS", "Kuyruk|QUEUE", "queue|QUEUE",
                "Toplam Tutar|TOTAL_AMOUNT", "Tutar|TOTAL_AMOUNT", "Total Amount|TOTAL_AMOUNT",
                "Aksiyon Tarihi|ACTION_AT", "Action Date|ACTION_AT"})
        void headerMapsToField(String header, CustomerField field) {
            List<String> headers = new ArrayList<>(List.of("isim", "telefon"));
            if (field == CustomerField.FULL_NAME) {
                headers.set(0, header);
            } else if (field == CustomerField.PHONE) {
                headers.set(1, header);
            } else {
                headers.add(header);
            }
            HeaderMapping m = HeaderMapper.map(headers, NONE);
            assertThat(m.columnOf(FieldTarget.of(field))).get().extracting(HeaderMapping.Column::header).isEqualTo(header);
            assertThat(m.warnings()).isEmpty();
        }

        @Test
        void everyDocumentedAliasIsRecognised() {
            HeaderAliases.all().forEach((field, aliases) -> {
                for (String alias : aliases) {
                    List<String> headers = field == CustomerField.FULL_NAME ? List.of(alias, "tel")
                            : field == CustomerField.PHONE ? List.of("isim", alias) : List.of("isim", "tel", alias);
                    assertThat(HeaderMapper.map(headers, NONE).columnOf(FieldTarget.of(field))).as(alias).isPresent();
                }
            });
        }
    }

    @Nested
    class Columns {

        @Test
        void unknownColumnsAreIgnoredWithAWarningEach() {
            HeaderMapping m = HeaderMapper.map(List.of("isim", "telefon", "Doğum Yeri", "Not"), NONE);
            assertThat(targetOf(m, 2)).isNull();
            assertThat(m.warnings()).extracting(JobWarning::code, JobWarning::column)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(JobWarning.COLUMN_IGNORED, "Doğum Yeri"),
                            org.assertj.core.groups.Tuple.tuple(JobWarning.COLUMN_IGNORED, "Not"));
        }

        @Test
        void emptyHeadersAreIgnoredSilently() {
            HeaderMapping m = HeaderMapper.map(List.of("", "isim", " ", "telefon", "\u00A0"), NONE);
            assertThat(m.warnings()).isEmpty();
            assertThat(targetOf(m, 1)).isEqualTo(FieldTarget.of(CustomerField.FULL_NAME));
            assertThat(targetOf(m, 3)).isEqualTo(FieldTarget.of(CustomerField.PHONE));
        }

        @Test
        void theReportColumnsOfAnErrorFileAreIgnoredSilently() {
            HeaderMapping m = HeaderMapper.map(List.of("isim", "telefon", "row", "column", "code", "message"), NONE);
            assertThat(m.warnings()).isEmpty();
            assertThat(m.columns().subList(2, 6)).allSatisfy(c -> assertThat(c.target()).isNull());
        }

        @Test
        void reportColumnNamesElsewhereAreOrdinaryUnknownColumns() {
            HeaderMapping m = HeaderMapper.map(List.of("code", "isim", "telefon"), NONE);
            assertThat(m.warnings()).extracting(JobWarning::column).containsExactly("code");
        }

        @Test
        void twoColumnsForOneFieldFailNamingBoth() {
            assertThatThrownBy(() -> HeaderMapper.map(List.of("isim", "Ad Soyad", "telefon"), NONE))
                    .isInstanceOfSatisfying(ImportFileException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HEADER_DUPLICATE);
                        assertThat(e.getMessage()).contains("'isim' (A)", "'Ad Soyad' (B)", "fullName");
                    });
        }

        @Test
        void aMissingNameOrPhoneFailsNamingTheFieldAndItsHeaders() {
            assertThatThrownBy(() -> HeaderMapper.map(List.of("isim", "e-posta"), NONE))
                    .isInstanceOfSatisfying(ImportFileException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HEADER_MISSING_REQUIRED);
                        assertThat(e.getMessage()).contains("phone", "telefon", "gsm").doesNotContain("fullName");
                    });
            assertThatThrownBy(() -> HeaderMapper.map(List.of(), NONE))
                    .isInstanceOfSatisfying(ImportFileException.class, e ->
                            assertThat(e.getMessage()).contains("fullName", "phone"));
        }

        @Test
        void columnNamesAreSpreadsheetLetters() {
            assertThat(HeaderMapper.columnName(0)).isEqualTo("A");
            assertThat(HeaderMapper.columnName(25)).isEqualTo("Z");
            assertThat(HeaderMapper.columnName(26)).isEqualTo("AA");
            assertThat(HeaderMapper.columnName(701)).isEqualTo("ZZ");
            assertThat(HeaderMapper.columnName(702)).isEqualTo("AAA");
        }
    }

    @Nested
    class CustomFields {

        private final List<CustomFieldDefinition> fields = List.of(
                CustomFieldDefinition.builder("consent", "KVKK Onayı", FieldType.BOOLEAN).build(),
                CustomFieldDefinition.builder("city", "Durum", FieldType.TEXT).build(),
                CustomFieldDefinition.builder("contract", "Sözleşme No", FieldType.TEXT).required(true).build());

        @Test
        void matchedByKeyOrLabelAheadOfAliases() {
            HeaderMapping m = HeaderMapper.map(List.of("isim", "tel", "kvkk onayi", "DURUM", "CONTRACT"), fields);
            assertThat(targetOf(m, 2)).isEqualTo(FieldTarget.custom("consent"));
            assertThat(targetOf(m, 3)).isEqualTo(FieldTarget.custom("city"));
            assertThat(targetOf(m, 4)).isEqualTo(FieldTarget.custom("contract"));
        }

        @Test
        void aRequiredCustomFieldWithoutColumnFails() {
            assertThatThrownBy(() -> HeaderMapper.map(List.of("isim", "tel"), fields))
                    .isInstanceOfSatisfying(ImportFileException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HEADER_MISSING_REQUIRED);
                        assertThat(e.getMessage()).contains("contract", "Sözleşme No");
                    });
        }
    }

    @Nested
    class Explicit {

        @Test
        void explicitMappingReplacesTheAliases() {
            HeaderMapping m = HeaderMapper.map(List.of("Kim", "Numara", "isim"), NONE,
                    Map.of("kim", "fullName", "NUMARA", "phone"));
            assertThat(targetOf(m, 0)).isEqualTo(FieldTarget.of(CustomerField.FULL_NAME));
            assertThat(targetOf(m, 1)).isEqualTo(FieldTarget.of(CustomerField.PHONE));
            assertThat(targetOf(m, 2)).isNull();
            assertThat(m.warnings()).extracting(JobWarning::column).containsExactly("isim");
        }

        @Test
        void anUnknownTargetIsRefused() {
            assertThatThrownBy(() -> HeaderMapper.map(List.of("a"), NONE, Map.of("a", "shoeSize")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoeSize");
        }
    }

    @Test
    void randomHeadersNeverFailWithAnythingButTheDocumentedErrors() {
        Random random = new Random(7);
        String alphabet = "aeıioöuüşçğİIAEsSTtelfonismdrkyp -_.,;:'\"\u00A0\t#%()123";
        for (int run = 0; run < 20_000; run++) {
            List<String> headers = new ArrayList<>();
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                int len = random.nextInt(14);
                for (int j = 0; j < len; j++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                headers.add(random.nextInt(5) == 0 ? List.of("isim", "telefon", "tel", "gsm", "ad soyad").get(random.nextInt(5))
                        : sb.toString());
            }
            try {
                HeaderMapping m = HeaderMapper.map(headers, NONE);
                assertThat(m.columns()).hasSize(headers.size());
                assertThat(m.columnOf(FieldTarget.of(CustomerField.PHONE))).isPresent();
            } catch (ImportFileException e) {
                assertThat(e.code()).isIn(ErrorCode.HEADER_MISSING_REQUIRED, ErrorCode.HEADER_DUPLICATE);
            }
        }
    }
}
