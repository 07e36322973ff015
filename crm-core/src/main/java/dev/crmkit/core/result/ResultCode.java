package dev.crmkit.core.result;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A result code of a tenant: its code, label, whether it can be applied now, what it applies to,
 * and for each {@link ResultParameter} whether an application takes it. Immutable; build with
 * {@link #builder}.
 *
 * @param code 1 to 32 of {@code A-Z 0-9 _ -}, unique in the tenant (such as {@code ARANDI} or {@code PTP})
 * @param label what people see, 1 to 200 characters
 * @param active whether it can be applied; an inactive code stays in history and reports
 * @param appliesTo what it can be applied to; at least one
 * @param parameters the rule of every parameter (missing ones are {@link ParameterRule#OFF})
 */
public record ResultCode(String code, String label, boolean active, Set<ResultTarget> appliesTo,
                         Map<ResultParameter, ParameterRule> parameters) {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{1,32}");

    public ResultCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        if (!CODE.matcher(code).matches()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID,
                    "a result code is 1 to 32 of A-Z, 0-9, _ and -: '" + code + "'");
        }
        label = TextFolding.trim(label);
        if (TextFolding.hasNul(label)) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, TextFolding.nulMessage("a result code's label"));
        }
        if (label.isEmpty() || label.length() > 200) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a result code's label has 1 to 200 characters");
        }
        if (appliesTo == null || appliesTo.isEmpty()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "result code " + code + " must apply to something");
        }
        appliesTo = Collections.unmodifiableSet(EnumSet.copyOf(appliesTo));
        EnumMap<ResultParameter, ParameterRule> all = new EnumMap<>(ResultParameter.class);
        for (ResultParameter p : ResultParameter.values()) {
            all.put(p, parameters == null ? ParameterRule.OFF : parameters.getOrDefault(p, ParameterRule.OFF));
        }
        parameters = Collections.unmodifiableMap(all);
    }

    public static Builder builder(String code, String label) {
        return new Builder(code, label);
    }

    /** The rule of one parameter. */
    public ParameterRule rule(ResultParameter parameter) {
        return parameters.getOrDefault(parameter, ParameterRule.OFF);
    }

    public Builder toBuilder() {
        Builder b = new Builder(code, label).active(active);
        b.appliesTo = EnumSet.copyOf(appliesTo);
        b.parameters.putAll(parameters);
        return b;
    }

    public static final class Builder {
        private final String code;
        private final String label;
        private boolean active = true;
        private EnumSet<ResultTarget> appliesTo = EnumSet.of(ResultTarget.CUSTOMER);
        private final EnumMap<ResultParameter, ParameterRule> parameters = new EnumMap<>(ResultParameter.class);

        private Builder(String code, String label) {
            this.code = code;
            this.label = label;
        }

        /** Whether it can be applied (default true). */
        public Builder active(boolean value) {
            active = value;
            return this;
        }

        /** What it applies to (default the customer). */
        public Builder appliesTo(ResultTarget first, ResultTarget... more) {
            appliesTo = EnumSet.of(first, more);
            return this;
        }

        /** The rule of a parameter (default OFF). */
        public Builder parameter(ResultParameter parameter, ParameterRule rule) {
            parameters.put(Objects.requireNonNull(parameter, "parameter"), Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public ResultCode build() {
            return new ResultCode(code, label, active, appliesTo, parameters);
        }
    }
}
