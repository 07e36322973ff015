package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.Reader;
import java.nio.CharBuffer;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullUnmarked;

/**
 * Reads the start of a text ahead, so it can be looked at, and then gives the whole text: the
 * sample first, then the rest. A failure while sampling is held back and thrown where it happened,
 * after the sampled characters.
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class SampledReader extends Reader {

    private final Reader in;
    private char[] sample;
    private final int sampleLength;
    private int samplePos;
    private final boolean wholeText;
    private @Nullable IOException heldBack;

    SampledReader(Reader in, int maxChars) {
        this.in = in;
        char[] chars = new char[maxChars];
        int length = 0;
        boolean whole = false;
        try {
            while (length < maxChars) {
                int n = in.read(chars, length, maxChars - length);
                if (n < 0) {
                    whole = true;
                    break;
                }
                length += n;
            }
        } catch (IOException e) {
            heldBack = e;
        }
        this.sample = chars;
        this.sampleLength = length;
        this.wholeText = whole;
    }

    /** The sampled start of the text. */
    CharSequence sample() {
        return CharBuffer.wrap(sample, 0, sampleLength);
    }

    /** Whether the sample is the whole text. */
    boolean isWholeText() {
        return wholeText;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (sample != null) {
            if (samplePos < sampleLength) {
                int n = Math.min(len, sampleLength - samplePos);
                System.arraycopy(sample, samplePos, cbuf, off, n);
                samplePos += n;
                return n;
            }
            sample = null;
        }
        if (heldBack != null) {
            IOException e = heldBack;
            heldBack = null;
            throw e;
        }
        return in.read(cbuf, off, len);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
