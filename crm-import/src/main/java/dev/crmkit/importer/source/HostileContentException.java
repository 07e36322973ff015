package dev.crmkit.importer.source;

import java.io.IOException;

/**
 * A spreadsheet part that is refused on purpose (zip bomb, DTD, oversized markup), as opposed to
 * one that merely failed to parse. An {@link IOException} so that it travels through POI's
 * stream-based code; the message is meant for the user.
 */
final class HostileContentException extends IOException {

    private static final long serialVersionUID = 1L;

    HostileContentException(String message) {
        super(message);
    }
}
