package dev.crmkit.importer.mapping;

import dev.crmkit.core.customer.CustomerField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The headers each built-in field is recognised by, Turkish and English. Matching folds both
 * sides with {@link HeaderMapper#matchKey}, so case, Turkish letters, spaces and punctuation do
 * not matter: {@code "ADI SOYADI"}, {@code "Adı-Soyadı"} and {@code "adisoyadi"} are one header.
 */
public final class HeaderAliases {

    private static final Map<CustomerField, List<String>> ALIASES;

    static {
        Map<CustomerField, List<String>> m = new EnumMap<>(CustomerField.class);
        m.put(CustomerField.FULL_NAME, List.of("isim", "ad soyad", "adı soyadı", "müşteri adı", "name",
                "full name", "fullName", "customer name"));
        m.put(CustomerField.PHONE, List.of("telefon", "telefon numarası", "tel", "tel no", "gsm", "cep", "cep telefonu",
                "phone", "phone number", "mobile"));
        m.put(CustomerField.EMAIL, List.of("email", "e-posta", "eposta", "mail", "e-mail"));
        m.put(CustomerField.COMPANY, List.of("şirket", "sirket", "firma", "company"));
        m.put(CustomerField.SEGMENT, List.of("segment"));
        m.put(CustomerField.TYPE, List.of("müşteri tipi", "tip", "type"));
        m.put(CustomerField.STATUS, List.of("müşteri durumu", "status"));
        m.put(CustomerField.PROCESSING_STATUS, List.of("durum", "işlem durumu", "processing status", "processingStatus"));
        m.put(CustomerField.REPRESENTATIVE, List.of("temsilci", "müşteri temsilcisi", "representative", "owner"));
        m.put(CustomerField.NATIONAL_ID, List.of("tckn", "tc kimlik no", "tc kimlik", "national id", "nationalId"));
        m.put(CustomerField.FAX, List.of("faks", "fax"));
        m.put(CustomerField.ADDRESS, List.of("adres", "address"));
        m.put(CustomerField.QUEUE, List.of("kuyruk", "queue"));
        m.put(CustomerField.TOTAL_AMOUNT, List.of("toplam tutar", "tutar", "total amount", "totalAmount"));
        m.put(CustomerField.ACTION_AT, List.of("aksiyon tarihi", "action date", "actionAt"));
        m.put(CustomerField.RESULT_CODE, List.of("sonuç kodu", "result code", "resultCode"));
        ALIASES = Collections.unmodifiableMap(m);
    }

    private HeaderAliases() {
    }

    /** The accepted headers of a field, as written in the documentation; empty if it is not importable. */
    public static List<String> of(CustomerField field) {
        return ALIASES.getOrDefault(field, List.of());
    }

    /** Every importable built-in field with its headers. */
    public static Map<CustomerField, List<String>> all() {
        return ALIASES;
    }
}
