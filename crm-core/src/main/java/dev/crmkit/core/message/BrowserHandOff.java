package dev.crmkit.core.message;

import java.util.Objects;

/**
 * A WhatsApp message handed to the agent's browser instead of sent through a gateway, for hosts
 * without a WhatsApp Business API: the agent opens {@code link}, WhatsApp opens with the number
 * and the text filled in, and the agent sends it.
 *
 * @param link {@code https://wa.me/<international digits>?text=<the text, URL-encoded>}
 * @param message the message as recorded, with no provider id
 */
public record BrowserHandOff(String link, Message message) {

    public BrowserHandOff {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(message, "message");
    }
}
