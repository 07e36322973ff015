package dev.crmkit.importer.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullUnmarked;

/**
 * Turns the bytes of a CSV file into text, finding the encoding when none is given.
 *
 * <p>Detection: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE) and is dropped. Without
 * one, the encoding is decided lazily at the first byte that is not ASCII, wherever in the file it
 * is: the {@value #JUDGED_BYTES} bytes from there on are UTF-8 or the file is Windows-1254. Up to
 * that byte both readings give the same text, so nothing read before the decision is ever read
 * differently. Once decided, bytes that do not decode (invalid UTF-8 after valid UTF-8, a byte
 * Windows-1254 does not define, a cut UTF-16 unit) fail with a {@link CsvReadException} naming
 * their offset; characters decoded before the failure are delivered first.
 *
 * <p>A given encoding is used as it is, only a leading U+FEFF is dropped.
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class CsvDecodingReader extends Reader {

    /** How many bytes from the first non-ASCII byte on are judged to decide the encoding. */
    static final int JUDGED_BYTES = 64 * 1024;

    static final Charset WINDOWS_1254 = Charset.forName("windows-1254");

    private enum Why { GIVEN, BYTE_ORDER_MARK, VALID_UTF8, NOT_UTF8 }

    private final InputStream in;
    private final long totalBytes;
    private final byte[] bytes = new byte[2 * JUDGED_BYTES];
    private int pos;
    private int limit;
    private long streamBytes;
    private boolean eof;

    private @Nullable Charset charset;
    private @Nullable CharsetDecoder decoder;
    private @Nullable Why why;

    private final CharBuffer chars = CharBuffer.allocate(8192);
    private boolean atStart = true;
    private boolean flushed;
    private @Nullable CsvReadException pending;

    /**
     * @param in the file's bytes, closed by {@link #close()}
     * @param totalBytes the file's size; more bytes than that is a failure
     * @param given the encoding, or {@code null} to detect it
     */
    CsvDecodingReader(InputStream in, long totalBytes, @Nullable Charset given) throws IOException {
        this.in = in;
        this.totalBytes = totalBytes;
        chars.flip();
        if (given != null) {
            decideFor(given, Why.GIVEN);
            return;
        }
        while (limit < 3 && !eof) {
            fill();
        }
        if (startsWith(0xEF, 0xBB, 0xBF)) {
            pos = 3;
            decideFor(StandardCharsets.UTF_8, Why.BYTE_ORDER_MARK);
        } else if (startsWith(0xFF, 0xFE)) {
            pos = 2;
            decideFor(StandardCharsets.UTF_16LE, Why.BYTE_ORDER_MARK);
        } else if (startsWith(0xFE, 0xFF)) {
            pos = 2;
            decideFor(StandardCharsets.UTF_16BE, Why.BYTE_ORDER_MARK);
        } else {
            charset = StandardCharsets.UTF_8; // provisional: every byte so far is ASCII
        }
    }

    /**
     * The encoding used; before the first non-ASCII byte of a file without a byte order mark this
     * is UTF-8 provisionally (the text so far reads the same in either candidate).
     */
    Charset charset() {
        return charset;
    }

    /** Bytes taken from the stream so far, never more than the file's size. */
    long bytesRead() {
        return Math.min(streamBytes, totalBytes);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining()) {
            refill();
            if (!chars.hasRemaining()) {
                return -1;
            }
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean startsWith(int... prefix) {
        if (limit < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void decideFor(Charset cs, Why reason) {
        charset = cs;
        why = reason;
        decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Decodes the next characters into {@link #chars}; leaves it empty at the end of the file. */
    private void refill() throws IOException {
        if (pending != null) {
            CsvReadException e = pending;
            pending = null;
            throw e;
        }
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (decoder == null) {
                    if (!decodeAscii()) {
                        break;
                    }
                } else if (!decode()) {
                    break;
                }
            }
        } finally {
            chars.flip();
        }
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(chars.position()) == '\uFEFF') {
                chars.get();
                if (!chars.hasRemaining()) {
                    refill();
                }
            }
        }
    }

    /** Copies ASCII bytes while the encoding is undecided; false at the end of the file. */
    private boolean decodeAscii() throws IOException {
        if (pos == limit) {
            if (eof) {
                return false;
            }
            fill();
            return true;
        }
        while (pos < limit && chars.hasRemaining() && bytes[pos] >= 0) {
            chars.put((char) bytes[pos++]);
        }
        if (chars.position() == 0 && pos < limit && bytes[pos] < 0) {
            judgeFromHere();
        }
        return true;
    }

    private void judgeFromHere() throws IOException {
        compact();
        while (limit - pos < JUDGED_BYTES && !eof) {
            fill();
        }
        int end = Math.min(limit, pos + JUDGED_BYTES);
        boolean complete = eof && end == limit;
        if (isValidUtf8(bytes, pos, end, complete)) {
            decideFor(StandardCharsets.UTF_8, Why.VALID_UTF8);
        } else {
            decideFor(WINDOWS_1254, Why.NOT_UTF8);
        }
    }

    /** Decodes with the chosen charset; false at the end of the file. */
    private boolean decode() throws IOException {
        if (flushed) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, pos, limit - pos);
        CoderResult result = decoder.decode(in, chars, eof);
        pos = in.position();
        if (result.isError()) {
            CsvReadException failure = undecodable(result);
            if (chars.position() > 0) {
                pending = failure;
                return false;
            }
            throw failure;
        }
        if (result.isOverflow()) {
            return true;
        }
        if (eof) {
            CoderResult flush = decoder.flush(chars);
            if (flush.isOverflow()) {
                return true;
            }
            flushed = true;
            return chars.position() > 0;
        }
        if (chars.position() == 0) {
            fill();
        }
        return true;
    }

    private CsvReadException undecodable(CoderResult result) {
        int length = result.length();
        long offset = streamBytes - (limit - pos);
        String name = charset.name();
        if (result.isMalformed() && eof && pos + length == limit) {
            return new CsvReadException("the file ends in the middle of a " + name + " character (offset "
                    + CsvText.number(offset) + "); it is cut short or not " + name + advice());
        }
        String what = (length == 1 ? "the byte at offset " : "the bytes at offset ") + CsvText.number(offset)
                + " (" + CsvText.hex(bytes, pos, length) + ")" + (length == 1 ? " is" : " are");
        switch (why) {
            case GIVEN:
                return new CsvReadException(what + " not valid " + name + ", the encoding given for this file;"
                        + " give the encoding the file was saved in");
            case BYTE_ORDER_MARK:
                return new CsvReadException(what + " not valid " + name + " although the file starts with a "
                        + name + " byte order mark; the file is damaged or mixes encodings: save it again as UTF-8");
            case VALID_UTF8:
                return new CsvReadException(what + " not valid UTF-8 although the text before is;"
                        + " the file mixes encodings: save it again as UTF-8 or give its encoding");
            default:
                return new CsvReadException(what + " not a character in " + name + ", the encoding assumed because"
                        + " the file is not UTF-8; give the file's encoding");
        }
    }

    private String advice() {
        return why == Why.GIVEN ? "; give the encoding the file was saved in" : "; save it again as UTF-8";
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(bytes, pos, bytes, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }

    private void fill() throws IOException {
        compact();
        int n = in.read(bytes, limit, bytes.length - limit);
        if (n < 0) {
            eof = true;
            return;
        }
        limit += n;
        streamBytes += n;
        if (streamBytes > totalBytes) {
            throw new CsvReadException("the file is longer than the " + CsvText.number(totalBytes)
                    + " bytes it had when the import started; it changed while it was read");
        }
    }

    /**
     * Whether {@code bytes[from, to)} is well-formed UTF-8 (RFC 3629: no overlong forms, no
     * surrogates, nothing above U+10FFFF). When {@code complete} is false the bytes are a window of
     * a longer text, and a sequence cut by its end is judged only on the bytes present.
     */
    static boolean isValidUtf8(byte[] bytes, int from, int to, boolean complete) {
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int following;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                following = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                following = 2;
                if (b == 0xE0) {
                    secondMin = 0xA0;
                } else if (b == 0xED) {
                    secondMax = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                following = 3;
                if (b == 0xF0) {
                    secondMin = 0x90;
                } else if (b == 0xF4) {
                    secondMax = 0x8F;
                }
            } else {
                return false;
            }
            for (int k = 1; k <= following; k++) {
                if (i + k >= to) {
                    return !complete;
                }
                int c = bytes[i + k] & 0xff;
                int min = k == 1 ? secondMin : 0x80;
                int max = k == 1 ? secondMax : 0xBF;
                if (c < min || c > max) {
                    return false;
                }
            }
            i += following + 1;
        }
        return true;
    }
}
