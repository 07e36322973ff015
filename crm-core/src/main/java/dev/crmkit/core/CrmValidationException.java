package dev.crmkit.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Input that breaks a rule of the domain. Carries every violation found, not just the first; {@link
 * #code()} is the code of the first one. Nothing was changed.
 */
public final class CrmValidationException extends CrmException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public CrmValidationException(ErrorCode code, String message) {
        this(List.of(new Violation(code, null, message)));
    }

    /** One violation caused by another failure, such as the input stream it was read from failing. */
    public CrmValidationException(ErrorCode code, String message, Throwable cause) {
        this(List.of(new Violation(code, null, message)), cause);
    }

    public CrmValidationException(List<Violation> violations) {
        this(violations, null);
    }

    private CrmValidationException(List<Violation> violations, @Nullable Throwable cause) {
        super(first(violations).code(), joined(violations), cause);
        this.violations = List.copyOf(violations);
    }

    /** Every violation, in the order found; never empty. */
    public List<Violation> violations() {
        return violations;
    }

    private static Violation first(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        return violations.get(0);
    }

    private static String joined(List<Violation> violations) {
        StringBuilder sb = new StringBuilder();
        for (Violation v : violations) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(v.field() == null ? "" : v.field() + ": ").append(v.message());
        }
        return sb.toString();
    }

    /**
     * One broken rule.
     *
     * @param code the stable code
     * @param field the field it concerns, or {@code null} when it concerns the whole input
     * @param message what is wrong, for a person
     */
    public record Violation(ErrorCode code, @Nullable String field, String message) {
        public Violation {
            java.util.Objects.requireNonNull(code, "code");
            java.util.Objects.requireNonNull(message, "message");
        }
    }
}
