package dev.crmkit.importer.report;

import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.field.CustomFieldDefinition;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the import template ("Örnek Excel"): a header row with the built-in fields and the custom
 * fields the reader may see, in order, and one example row. The template imports as it is.
 */
public final class TemplateWriter {

    /** The header and example value of each built-in column, in template order. */
    private static final Map<CustomerField, String[]> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put(CustomerField.FULL_NAME, new String[] {"Ad Soyad", "Ayşe Yılmaz"});
        BUILT_IN.put(CustomerField.PHONE, new String[] {"Telefon", "0530 123 45 67"});
        BUILT_IN.put(CustomerField.EMAIL, new String[] {"E-posta", "ayse@ornek.com.tr"});
        BUILT_IN.put(CustomerField.COMPANY, new String[] {"Şirket", "Örnek Lojistik A.Ş."});
        BUILT_IN.put(CustomerField.TYPE, new String[] {"Müşteri Tipi", "Kişi"});
        BUILT_IN.put(CustomerField.SEGMENT, new String[] {"Segment", "Normal"});
        BUILT_IN.put(CustomerField.STATUS, new String[] {"Müşteri Durumu", "Aktif"});
        BUILT_IN.put(CustomerField.PROCESSING_STATUS, new String[] {"Durum", ""});
        BUILT_IN.put(CustomerField.REPRESENTATIVE, new String[] {"Temsilci", ""});
        BUILT_IN.put(CustomerField.NATIONAL_ID, new String[] {"TCKN", ""});
        BUILT_IN.put(CustomerField.FAX, new String[] {"Faks", ""});
        BUILT_IN.put(CustomerField.ADDRESS, new String[] {"Adres", "Atatürk Cad. No:1 Kadıköy İstanbul"});
        BUILT_IN.put(CustomerField.QUEUE, new String[] {"Kuyruk", ""});
        BUILT_IN.put(CustomerField.TOTAL_AMOUNT, new String[] {"Toplam Tutar", "1250,50"});
        BUILT_IN.put(CustomerField.ACTION_AT, new String[] {"Aksiyon Tarihi", "31.12.2026"});
    }

    private TemplateWriter() {
    }

    /**
     * @param visibleFields the custom fields the reader may see, in position order
     * @param delimiter the CSV delimiter ({@code ;} suits Turkish Excel); ignored for XLSX
     */
    public static void write(OutputStream out, ReportFormat format, char delimiter,
                             List<CustomFieldDefinition> visibleFields) {
        List<String> header = new ArrayList<>();
        List<String> example = new ArrayList<>();
        BUILT_IN.forEach((field, cells) -> {
            header.add(cells[0]);
            example.add(cells[1]);
        });
        for (CustomFieldDefinition d : visibleFields) {
            header.add(d.label());
            example.add(example(d));
        }
        try (TableWriter table = new TableWriter(out, format, delimiter, "Müşteriler")) {
            table.row(header);
            table.row(example);
        }
    }

    private static String example(CustomFieldDefinition d) {
        return switch (d.type()) {
            case TEXT -> "Örnek";
            case FILE -> "";
            case NUMBER -> "10";
            case DATE -> "01.01.2027";
            case BOOLEAN -> "Evet";
            case SINGLE_SELECT -> d.options().get(0);
            case MULTI_SELECT -> d.options().get(0);
        };
    }
}
