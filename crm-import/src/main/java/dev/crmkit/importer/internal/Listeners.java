package dev.crmkit.importer.internal;

import dev.crmkit.importer.ImportListener;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an importer's listeners are called: each in turn, with what one listener throws
 * logged and kept from the import and from the listeners after it.
 */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<ImportListener> listeners;

    /** Over a live list: listeners added later are called too. */
    public Listeners(List<ImportListener> listeners) {
        this.listeners = Objects.requireNonNull(listeners, "listeners");
    }

    /**
     * Tells every listener, with the event made once and only if someone listens (progress is
     * worked out for listeners alone).
     */
    public <T> void tell(Supplier<T> event, BiConsumer<ImportListener, T> call) {
        if (listeners.isEmpty()) {
            return;
        }
        T made = event.get();
        for (ImportListener l : listeners) {
            try {
                call.accept(l, made);
            } catch (RuntimeException e) {
                // A listener's failure must not fail the import.
                LOG.warn("import listener {} failed: {}", l.getClass().getName(), e.toString());
            }
        }
    }
}
