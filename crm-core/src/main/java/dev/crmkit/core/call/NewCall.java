package dev.crmkit.core.call;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.result.ResultSource;
import dev.crmkit.core.text.TextFolding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A call as reported, checked on construction with every problem at once. Build with {@link #builder}.
 *
 * @param phone the customer's number, in any spelling its numbers parse from
 * @param startedAt when it started
 * @param duration 0 to 24 hours, in whole seconds (a fraction of a second is dropped)
 * @param agent the user who talked, or {@code null} for the actor recording it
 * @param resultCode a result code to apply to the number with it, or {@code null}
 * @param source SYSTEM (a dialer) or MANUAL (default)
 * @param recordingRef where the recording is (a URL or a key of the host's store), at most 1,000
 *     characters, or {@code null}
 */
public record NewCall(String phone, Instant startedAt, Duration duration, @Nullable String agent, @Nullable String resultCode,
                      ResultSource source, @Nullable String recordingRef) {

    public static final Duration MAX_DURATION = Duration.ofHours(24);

    public NewCall {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(source, "source");
        duration = Duration.ofSeconds(duration.getSeconds());
        List<Violation> problems = new ArrayList<>();
        if (duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "duration", "a call lasts 0 to 24 hours: " + duration));
        }
        agent = agent == null || TextFolding.isBlank(agent) ? null : agent.strip();
        resultCode = resultCode == null || TextFolding.isBlank(resultCode) ? null : resultCode.strip();
        recordingRef = recordingRef == null || TextFolding.isBlank(recordingRef) ? null : recordingRef.strip();
        if (recordingRef != null && recordingRef.length() > 1_000) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "recordingRef",
                    "a recording reference has at most 1000 characters"));
        }
        TextFolding.refuseNul(problems, "agent", agent, "resultCode", resultCode, "recordingRef", recordingRef);
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    public static Builder builder(String phone, Instant startedAt, Duration duration) {
        return new Builder(phone, startedAt, duration);
    }

    public static final class Builder {
        private final String phone;
        private final Instant startedAt;
        private final Duration duration;
        private @Nullable String agent;
        private @Nullable String resultCode;
        private ResultSource source = ResultSource.MANUAL;
        private @Nullable String recordingRef;

        private Builder(String phone, Instant startedAt, Duration duration) {
            this.phone = phone;
            this.startedAt = startedAt;
            this.duration = duration;
        }

        public Builder agent(@Nullable String value) {
            agent = value;
            return this;
        }

        public Builder resultCode(@Nullable String value) {
            resultCode = value;
            return this;
        }

        public Builder source(ResultSource value) {
            source = value;
            return this;
        }

        public Builder recording(String reference) {
            recordingRef = reference;
            return this;
        }

        public NewCall build() {
            return new NewCall(phone, startedAt, duration, agent, resultCode, source, recordingRef);
        }
    }
}
