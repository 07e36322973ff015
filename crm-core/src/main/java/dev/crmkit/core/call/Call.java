package dev.crmkit.core.call;

import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.result.ResultSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A call as stored. Its recording reference is not part of it: {@link CallService#recording}
 * hands it out to those allowed to open it.
 *
 * @param id assigned by the store
 * @param customerId the customer
 * @param phone the customer's number called or calling
 * @param agent the user who talked
 * @param startedAt when it started
 * @param duration how long it lasted
 * @param resultCode the result code applied with it, or {@code null}
 * @param source SYSTEM (a dialer) or MANUAL
 * @param hasRecording whether a recording reference was stored
 * @param recordedAt when it was recorded here
 */
public record Call(long id, long customerId, PhoneNumber phone, String agent, Instant startedAt, Duration duration,
                   @Nullable String resultCode, ResultSource source, boolean hasRecording, Instant recordedAt) {

    public Call {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
