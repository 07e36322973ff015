package dev.crmkit.importer.mapping;

import dev.crmkit.core.customer.CustomerField;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The built-in fields as columns of a file, described once: the header the template writes, the
 * other headers a file may use (Turkish and English), and the template's example value. The
 * header mapper reads the headers from here, the template writer the headers and examples.
 */
public final class BuiltInColumns {

    /**
     * One built-in field as a column.
     *
     * @param header the header the template writes
     * @param otherHeaders further headers it is recognised by
     * @param example the template's example value; {@code null} if the template leaves the column out
     * @param choices the values the XLSX template offers in a dropdown (the import reads more
     *     spellings); empty for free text
     */
    public record Column(CustomerField field, String header, List<String> otherHeaders, @Nullable String example,
                         List<String> choices) {

        public Column {
            otherHeaders = List.copyOf(otherHeaders);
            choices = List.copyOf(choices);
        }

        Column(CustomerField field, String header, List<String> otherHeaders, @Nullable String example) {
            this(field, header, otherHeaders, example, List.of());
        }

        /** Every header the column is recognised by: the template's first. */
        public List<String> headers() {
            return Stream.concat(Stream.of(header), otherHeaders.stream()).toList();
        }
    }

    /** The importable built-in fields, in template order. */
    public static final List<Column> ALL = List.of(
            new Column(CustomerField.FULL_NAME, "Ad Soyad",
                    List.of("isim", "adı soyadı", "müşteri adı", "name", "full name", "fullName", "customer name"),
                    "Ayşe Yılmaz"),
            new Column(CustomerField.PHONE, "Telefon", List.of("telefon numarası", "tel", "tel no", "gsm", "cep",
                    "cep telefonu", "phone", "phone number", "mobile"), "0530 123 45 67"),
            new Column(CustomerField.EMAIL, "E-posta", List.of("email", "eposta", "mail", "e-mail"),
                    "ayse@ornek.com.tr"),
            new Column(CustomerField.COMPANY, "Şirket", List.of("sirket", "firma", "company"), "Örnek Lojistik A.Ş."),
            new Column(CustomerField.TYPE, "Müşteri Tipi", List.of("tip", "type"), "Kişi", List.of("Kişi", "Şirket")),
            new Column(CustomerField.SEGMENT, "Segment", List.of(), "Normal",
                    List.of("VIP", "Normal", "Risk", "Potansiyel")),
            new Column(CustomerField.STATUS, "Müşteri Durumu", List.of("status"), "Aktif", List.of("Aktif", "Pasif")),
            new Column(CustomerField.PROCESSING_STATUS, "Durum",
                    List.of("işlem durumu", "processing status", "processingStatus"), ""),
            new Column(CustomerField.REPRESENTATIVE, "Temsilci",
                    List.of("müşteri temsilcisi", "representative", "owner"), ""),
            new Column(CustomerField.NATIONAL_ID, "TCKN", List.of("tc kimlik no", "tc kimlik", "national id",
                    "nationalId"), ""),
            new Column(CustomerField.FAX, "Faks", List.of("fax"), ""),
            new Column(CustomerField.ADDRESS, "Adres", List.of("address"), "Atatürk Cad. No:1 Kadıköy İstanbul"),
            new Column(CustomerField.QUEUE, "Kuyruk", List.of("queue"), ""),
            new Column(CustomerField.TOTAL_AMOUNT, "Toplam Tutar", List.of("tutar", "total amount", "totalAmount"),
                    "1250,50"),
            new Column(CustomerField.ACTION_AT, "Aksiyon Tarihi", List.of("action date", "actionAt"), "31.12.2026"),
            new Column(CustomerField.RESULT_CODE, "Sonuç Kodu", List.of("result code", "resultCode"), null));

    /** The values the XLSX template offers for a yes/no custom field. */
    public static final List<String> YES_NO = List.of("Evet", "Hayır");

    private BuiltInColumns() {
    }
}
