package dev.crmkit.core.result;

import java.util.Objects;

/** How many times a code was applied from one source within a report's period. */
public record ResultCount(String code, ResultSource source, long count) {

    public ResultCount {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
    }
}
