package dev.crmkit.core.message;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message text with placeholders such as {@code [MÜŞTERİ_ADI]} or {@code [ALAN:key]} (the same
 * ones call scripts have), filled in for the customer when sent. Checked on construction, every
 * problem reported at once. Build with {@link #builder}.
 *
 * @param key 1 to 64 of {@code a-z 0-9 _ -}, unique in the tenant
 * @param name what agents pick it by, 1 to 200 characters
 * @param body the text, at most as long as the longest channel it is for allows
 * @param channels the channels it may be sent on, at least one
 * @param active inactive templates are kept but cannot be sent
 */
public record MessageTemplate(String key, String name, String body, Set<MessageChannel> channels, boolean active) {

    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,64}");

    public MessageTemplate {
        Objects.requireNonNull(key, "key");
        List<Violation> problems = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "key",
                    "a template key is 1 to 64 of a-z, 0-9, _ and -: '" + key + "'"));
        }
        name = name == null ? "" : TextFolding.trim(name);
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "name", "a template name has 1 to 200 characters"));
        }
        channels = channels == null || channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
        if (channels.isEmpty()) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "channels", "a template is for SMS, WhatsApp or both"));
        }
        if (body == null || body.isBlank()) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "body", "a template needs its text"));
        } else {
            int max = channels.stream().mapToInt(MessageChannel::maxLength).max().orElse(MessageChannel.WHATSAPP.maxLength());
            if (body.length() > max) {
                problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "body",
                        "a template for " + channels + " has at most " + max + " characters, this has " + body.length()));
            }
        }
        TextFolding.refuseNul(problems, "name", name, "body", body);
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    public static Builder builder(String key, String name, String body) {
        return new Builder(key, name, body);
    }

    public Builder toBuilder() {
        Builder b = new Builder(key, name, body).active(active);
        b.channels = channels;
        return b;
    }

    public static final class Builder {
        private final String key;
        private final String name;
        private final String body;
        private Set<MessageChannel> channels = Set.of(MessageChannel.SMS);
        private boolean active = true;

        private Builder(String key, String name, String body) {
            this.key = key;
            this.name = name;
            this.body = body;
        }

        /** The channels it may be sent on; SMS only unless set. */
        public Builder channels(MessageChannel first, MessageChannel... more) {
            EnumSet<MessageChannel> set = EnumSet.of(first, more);
            channels = set;
            return this;
        }

        public Builder active(boolean value) {
            active = value;
            return this;
        }

        public MessageTemplate build() {
            return new MessageTemplate(key, name, body, channels, active);
        }
    }
}
