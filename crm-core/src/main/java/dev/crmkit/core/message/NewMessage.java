package dev.crmkit.core.message;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.text.TextFolding;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message to send: from a template, or free text (which needs the capability
 * {@link dev.crmkit.core.permission.Capability#FREE_TEXT_MESSAGES}). Make one with
 * {@link #fromTemplate} or {@link #freeText}.
 *
 * @param channel SMS or WhatsApp
 * @param templateKey the template, or {@code null} for free text
 * @param text the free text, or {@code null} for a template
 * @param phone one of the customer's numbers in any spelling, or {@code null} for its primary number
 */
public record NewMessage(MessageChannel channel, @Nullable String templateKey, @Nullable String text, @Nullable String phone) {

    public NewMessage {
        Objects.requireNonNull(channel, "channel");
        if ((templateKey == null) == (text == null)) {
            throw new IllegalArgumentException("a message is either from a template or free text");
        }
        if (text != null) {
            if (TextFolding.hasNul(text)) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID, TextFolding.nulMessage("a message"));
            }
            if (TextFolding.isBlank(text)) {
                throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a message needs its text");
            }
            if (text.length() > channel.maxLength()) {
                throw new CrmValidationException(ErrorCode.VALUE_TOO_LONG, "a " + channel + " message has at most "
                        + channel.maxLength() + " characters, this has " + text.length());
            }
        }
        phone = phone == null || TextFolding.isBlank(phone) ? null : phone.strip();
    }

    /** The template's text filled in for the customer, to its primary number. */
    public static NewMessage fromTemplate(MessageChannel channel, String templateKey) {
        return new NewMessage(channel, Objects.requireNonNull(templateKey, "templateKey"), null, null);
    }

    /** A text written by the sender, to the customer's primary number. */
    public static NewMessage freeText(MessageChannel channel, String text) {
        return new NewMessage(channel, null, Objects.requireNonNull(text, "text"), null);
    }

    /** The same message to another of the customer's numbers. */
    public NewMessage to(String number) {
        return new NewMessage(channel, templateKey, text, number);
    }

    /** Leaves the text and the number out (personal data). */
    @Override
    public String toString() {
        return "NewMessage[" + channel + (templateKey == null ? " free text" : " template " + templateKey) + "]";
    }
}
