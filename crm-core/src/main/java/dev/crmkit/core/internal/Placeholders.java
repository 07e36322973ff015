package dev.crmkit.core.internal;

import dev.crmkit.core.customer.Customer;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of call scripts and message templates: {@code [MÜŞTERİ_ADI]} and the other
 * built-in names in Turkish and English, and {@code [ALAN:key]} / {@code [FIELD:key]} for custom
 * fields. Filled in from the actor's view of the customer, so a field the actor may not see fills
 * in as nothing.
 */
final class Placeholders {

    /** {@code [NAME]} or {@code [ALAN:key]}: letters (Turkish ones too), digits, {@code _ - :}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([\\p{L}0-9_:-]{1,80})]");
    private static final Map<String, Function<Customer, Object>> BUILT_IN = Map.ofEntries(
            Map.entry("MÜŞTERİ_ADI", Customer::fullName), Map.entry("CUSTOMER_NAME", Customer::fullName),
            Map.entry("MÜŞTERİ_NO", Customer::id), Map.entry("CUSTOMER_ID", Customer::id),
            Map.entry("TELEFON", c -> c.phone().e164()), Map.entry("PHONE", c -> c.phone().e164()),
            Map.entry("E_POSTA", Customer::email), Map.entry("E-POSTA", Customer::email),
            Map.entry("EMAIL", Customer::email),
            Map.entry("ŞİRKET", Customer::company), Map.entry("COMPANY", Customer::company),
            Map.entry("SEGMENT", Customer::segment),
            Map.entry("TEMSİLCİ", Customer::representative), Map.entry("REPRESENTATIVE", Customer::representative),
            Map.entry("KUYRUK", Customer::queue), Map.entry("QUEUE", Customer::queue),
            Map.entry("TUTAR", Customer::totalAmount), Map.entry("AMOUNT", Customer::totalAmount));

    private Placeholders() {
    }

    /**
     * The template with each known placeholder replaced by its value passed through {@code escape};
     * unknown placeholders are kept as written.
     */
    static String fill(String template, Customer customer, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            Function<Customer, Object> builtIn = BUILT_IN.get(name);
            if (builtIn != null) {
                replacement = escape.apply(text(builtIn.apply(customer)));
            } else if (name.startsWith("ALAN:") || name.startsWith("FIELD:")) {
                String fieldKey = name.substring(name.indexOf(':') + 1);
                replacement = escape.apply(text(customer.customFields().get(fieldKey)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Collection<?> values) {
            return String.join(", ", values.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** HTML-escapes text for element content and quoted attribute values alike. */
    static String escapeHtml(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
