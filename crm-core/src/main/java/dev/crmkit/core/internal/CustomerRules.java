package dev.crmkit.core.internal;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.UserDirectory;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.text.TextFolding;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import dev.crmkit.core.customer.CustomerField;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.spi.StorageSession;

/**
 * The rules for customer values, in one place: how each is cleaned (trimmed, collapsed,
 * lower-cased) and when it is invalid. Methods add violations instead of throwing, so that one
 * call reports every problem of an input.
 */
public final class CustomerRules {

    static final int MAX_NAME = 200;
    static final int MAX_COMPANY = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_TEXT = CustomFieldDefinition.MAX_TEXT_LENGTH;

    /** Bean Validation's e-mail rule; the dotted-domain rule is ours on top. */
    private record EmailAddress(@NotNull @Email String value) {
    }

    /**
     * Bean Validation, started on the first e-mail checked: its start takes about 0.2 s, which a
     * process that only reads (a search from the command line) should not pay.
     */
    private static final class EmailValidator {
        static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory()
                .getValidator();
    }

    private final PhoneParser phones;
    private final UserDirectory users;

    CustomerRules(PhoneParser phones, UserDirectory users) {
        this.phones = phones;
        this.users = users;
    }

    /**
     * The cleaned value of a built-in field other than the phone (see {@link #phone}), with a
     * violation added if it breaks the field's rule: the one place that says which rule each field
     * follows. Blank text is {@code null}; instants are cut to microseconds.
     */
    Object clean(TenantId tenant, CustomerField field, Object raw, Violations v) {
        String text = raw instanceof String s ? s : null;
        return switch (field) {
            case FULL_NAME -> fullName(text, v);
            case PHONE -> throw new IllegalArgumentException("a phone is parsed, not cleaned");
            case EMAIL -> email(text, v);
            case COMPANY -> company(text, v);
            case NATIONAL_ID -> nationalId(text, v);
            case REPRESENTATIVE -> representative(tenant, text, v);
            // The other fields follow the rule of their type: plain text, instants to microseconds.
            default -> field.valueType() == String.class ? text(field.key(), text, MAX_TEXT, v)
                    : raw instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MICROS) : raw;
        };
    }

    String fullName(String raw, Violations v) {
        String name = collapse(raw);
        if (TextFolding.hasNul(raw)) {
            v.add(ErrorCode.VALUE_INVALID, "fullName", TextFolding.nulMessage("fullName"));
        } else if (name == null) {
            v.add(ErrorCode.NAME_REQUIRED, "fullName", "a name is required");
        } else if (name.length() > MAX_NAME) {
            v.add(ErrorCode.VALUE_TOO_LONG, "fullName", "a name has at most " + MAX_NAME + " characters");
        }
        return name;
    }

    String company(String raw, Violations v) {
        String company = collapse(raw);
        if (TextFolding.hasNul(raw)) {
            v.add(ErrorCode.VALUE_INVALID, "company", TextFolding.nulMessage("company"));
        } else if (company != null && company.length() > MAX_COMPANY) {
            v.add(ErrorCode.VALUE_TOO_LONG, "company", "a company name has at most " + MAX_COMPANY + " characters");
        }
        return company;
    }

    PhoneNumber phone(String field, String raw, Violations v) {
        try {
            return phones.parse(raw);
        } catch (CrmValidationException e) {
            v.add(e.code(), field, e.violations().get(0).message());
            return null;
        }
    }

    /** Trimmed, with the domain lower-cased; {@code null} for blank. */
    String email(String raw, Violations v) {
        String email = trimToNull(raw);
        if (email == null) {
            return null;
        }
        if (TextFolding.hasNul(email)) {
            v.add(ErrorCode.EMAIL_INVALID, "email", "an e-mail address cannot hold the NUL character (U+0000)");
            return email;
        }
        if (email.length() > MAX_EMAIL) {
            v.add(ErrorCode.VALUE_TOO_LONG, "email", "an e-mail address has at most " + MAX_EMAIL + " characters");
            return email;
        }
        int at = email.lastIndexOf('@');
        String normalized = at < 0 ? email : email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
        boolean dottedDomain = at > 0 && normalized.indexOf('.', at) > at + 1 && !normalized.endsWith(".");
        if (!dottedDomain || !EmailValidator.VALIDATOR.validate(new EmailAddress(normalized)).isEmpty()) {
            v.add(ErrorCode.EMAIL_INVALID, "email", "not a valid e-mail address: " + cut(email));
        }
        return normalized;
    }

    /** Trimmed text, {@code null} for blank. */
    String text(String field, String raw, int max, Violations v) {
        String text = trimToNull(raw);
        if (TextFolding.hasNul(text)) {
            v.add(ErrorCode.VALUE_INVALID, field, TextFolding.nulMessage(field));
        } else if (text != null && text.length() > max) {
            v.add(ErrorCode.VALUE_TOO_LONG, field, field + " has at most " + max + " characters");
        }
        return text;
    }

    String nationalId(String raw, Violations v) {
        String id = trimToNull(raw);
        if (id != null && !NationalId.isValid(id)) {
            v.add(ErrorCode.NATIONAL_ID_INVALID, "nationalId",
                    "not a valid TCKN (11 digits with the official checksum): " + NationalId.mask(id));
        }
        return id;
    }

    String representative(TenantId tenant, String raw, Violations v) {
        String username = trimToNull(raw);
        if (username != null && users.find(tenant, username).isEmpty()) {
            v.add(ErrorCode.REPRESENTATIVE_UNKNOWN, "representative", "no user '" + cut(username) + "' in the directory");
        }
        return username;
    }

    /**
     * Normalizes custom values against the definitions: unknown keys and invalid values are
     * violations; {@code null} or blank values remove the key from {@code into}.
     */
    void customFields(Map<String, Object> given, Map<String, CustomFieldDefinition> definitions,
                      Map<String, Object> into, Violations v) {
        for (Map.Entry<String, Object> e : given.entrySet()) {
            CustomFieldDefinition def = definitions.get(e.getKey());
            if (def == null) {
                v.add(ErrorCode.CUSTOM_FIELD_UNKNOWN, e.getKey(), "no custom field '" + cut(e.getKey()) + "'");
                continue;
            }
            Object value = e.getValue() instanceof String s ? trimToNull(s) : e.getValue();
            try {
                Object normalized = def.normalize(value);
                if (CustomFieldDefinition.isBlank(normalized)) {
                    into.remove(def.key());
                } else {
                    into.put(def.key(), normalized);
                }
            } catch (CrmValidationException ex) {
                v.addAll(ex);
            }
        }
    }

    /**
     * Adds a violation for every FILE value among {@code keys} that is not the id of an attachment
     * of this customer (in this tenant, as every read of the session is). A new customer
     * ({@code customerId} 0) has no attachments yet: its file fields are set once a file is attached.
     */
    void requireOwnAttachments(StorageSession s, long customerId, Collection<String> keys, Map<String, Object> values,
                               Map<String, CustomFieldDefinition> definitions, Violations v) {
        for (String key : keys) {
            CustomFieldDefinition def = definitions.get(key);
            Object value = values.get(key);
            if (def == null || def.type() != FieldType.FILE || value == null) {
                continue;
            }
            long attachmentId = Long.parseLong((String) value);
            boolean own = customerId != 0 && s.attachments().find(attachmentId)
                    .filter(a -> a.customerId() == customerId).isPresent();
            if (!own) {
                v.add(ErrorCode.CUSTOM_FIELD_INVALID, key, customerId == 0
                        ? def.label() + " names attachment " + attachmentId + ", but a new customer has no attachments yet:"
                                + " attach the file first, then set " + def.label()
                        : def.label() + " names attachment " + attachmentId + ", which is not a file of this customer");
            }
        }
    }

    /** Adds a violation for every required definition without a value. */
    void requiredCustomFields(Collection<CustomFieldDefinition> definitions, Map<String, Object> values, Violations v) {
        for (CustomFieldDefinition def : definitions) {
            if (def.required() && CustomFieldDefinition.isBlank(values.get(def.key()))) {
                v.add(ErrorCode.CUSTOM_FIELD_REQUIRED, def.key(), def.label() + " is required");
            }
        }
    }

    /** Definitions by key, in position order. */
    public static Map<String, CustomFieldDefinition> byKey(Collection<CustomFieldDefinition> definitions) {
        Map<String, CustomFieldDefinition> m = new LinkedHashMap<>();
        for (CustomFieldDefinition d : definitions) {
            m.put(d.key(), d);
        }
        return m;
    }

    static String trimToNull(String raw) {
        if (raw == null) {
            return null;
        }
        String s = TextFolding.trim(raw);
        return s.isEmpty() ? null : s;
    }

    /** Trimmed, every run of whitespace (line breaks included) one space; {@code null} for blank. */
    static String collapse(String raw) {
        String s = trimToNull(raw);
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ws = TextFolding.isSpace(c);
            if (ws) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                space = true;
            } else {
                if (sb != null) {
                    if (space) {
                        sb.append(' ');
                    }
                    sb.append(c);
                }
                space = false;
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100);
    }
}
