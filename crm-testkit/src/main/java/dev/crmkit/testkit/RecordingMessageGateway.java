package dev.crmkit.testkit;

import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.message.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A message gateway for tests: keeps what it is asked to send, and fails on request the way a
 * provider does (down, refusing a number). Thread-safe.
 */
public final class RecordingMessageGateway implements MessageGateway {

    private final List<OutgoingMessage> sent = new ArrayList<>();
    private RuntimeException failure;
    private int calls;

    @Override
    public synchronized String send(OutgoingMessage message) {
        calls++;
        if (failure != null) {
            throw failure;
        }
        sent.add(message);
        return "provider-" + sent.size();
    }

    /** Every later send fails with this; {@code null} to succeed again. */
    public synchronized void failWith(RuntimeException exception) {
        failure = exception;
    }

    /** What it accepted, in order. */
    public synchronized List<OutgoingMessage> sent() {
        return List.copyOf(sent);
    }

    /** How many times it was called, failed calls included. */
    public synchronized int calls() {
        return calls;
    }
}
