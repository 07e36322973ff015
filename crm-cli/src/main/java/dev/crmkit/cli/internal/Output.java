package dev.crmkit.cli.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.io.UncheckedIOException;

/**
 * Where a command writes: results to standard output, progress and messages to standard error.
 * With {@code --json} standard output receives exactly one JSON document and nothing else.
 */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean terminal;

    public Output(PrintStream out, PrintStream err, boolean json, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
    }

    public boolean json() {
        return json;
    }

    /** Whether standard error is a terminal, where a progress bar can redraw itself. */
    public boolean terminal() {
        return terminal;
    }

    /** Prints the command's document (with {@code --json}). */
    public void document(JsonNode doc) {
        document(g -> JSON.writeTree(g, doc));
    }

    /** What writes a document token by token, for one too large to build in memory first. */
    @FunctionalInterface
    public interface DocumentWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    /**
     * Prints the command's document (with {@code --json}) as {@code writer} writes it, token by
     * token, for a document too large to build in memory first.
     */
    public void document(DocumentWriter writer) {
        Writer text = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                out.print(new String(chars, offset, length));
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        try (JsonGenerator g = JSON.writer().createGenerator(text)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    /** Prints human output; nothing with {@code --json}. */
    public void text(String text) {
        if (!json) {
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            out.flush();
        }
    }

    /** A message for the person at the terminal (progress, notes); never part of a document. */
    public void note(String text) {
        if (!json) {
            err.println(text);
            err.flush();
        }
    }

    /** An error message; with {@code --json} the error is a document on standard output instead. */
    public void error(String code, String message) {
        if (json) {
            document(Documents.error(code, message));
        } else {
            err.println("crm: " + message + (code == null ? "" : " [" + code + "]"));
            err.flush();
        }
    }

    public PrintStream err() {
        return err;
    }
}
