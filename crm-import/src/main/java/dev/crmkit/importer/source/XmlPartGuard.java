package dev.crmkit.importer.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the bytes of one XML part of a spreadsheet on their way to a parser, whichever parser
 * that is (POI's for relationships and content types, ours for the rest), and fails with
 * {@link HostileContentException} on:
 * <ul>
 * <li>any {@code <!DOCTYPE} or other markup declaration: an OOXML part never has one, so entities
 *     can neither be declared nor expanded, and nothing external is ever resolved;</li>
 * <li>an encoding other than UTF-8 or UTF-16 (alone or declared), where the bytes could hide the
 *     markup from this scan;</li>
 * <li>a tag, comment or processing instruction longer than {@link #MAX_MARKUP_BYTES}, or elements
 *     nested deeper than {@link #MAX_DEPTH}, which a parser would otherwise buffer or stack.</li>
 * </ul>
 * Character data and CDATA are not bounded here; the sheet parser reads them in chunks. A stream
 * that does not start like XML (an image) passes unchecked: no parser accepts it as XML.
 */
final class XmlPartGuard extends FilterInputStream {

    static final int MAX_MARKUP_BYTES = 1 << 20;
    static final int MAX_DEPTH = 256;
    private static final int MAX_DECLARATION_BYTES = 512;
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Set<String> ENCODINGS = Set.of("utf-8", "utf8", "utf-16", "utf-16le", "utf-16be",
            "us-ascii", "ascii", "iso-8859-1", "latin1");

    private enum State { START, TEXT, LT, TAG, PI, BANG, BANG_DASH, COMMENT, CDATA_OPEN, CDATA, PASS }

    private final String partName;
    private final byte[] one = new byte[1];
    private final byte[] head = new byte[4];
    private int headLength;
    private boolean headDone;
    /** 0 for UTF-8 and other single-byte-compatible text, 1 for UTF-16BE, 2 for UTF-16LE. */
    private int width;
    private int pendingByte = -1;

    private State state = State.START;
    private long markupLength;
    private int quote;
    private int previous;
    private int beforePrevious;
    private boolean endTag;
    private boolean tagSelfClosing;
    private int depth;
    private boolean seenMarkup;
    private boolean seenRoot;
    private int cdataMatched;
    private boolean inDeclaration;
    private final StringBuilder declaration = new StringBuilder();

    XmlPartGuard(InputStream in, String partName) {
        super(in);
        this.partName = partName;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0 && state != State.PASS) {
            scan(b, off, n);
        } else if (n < 0 && !headDone && headLength > 0) {
            detect();
            replayHead();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be scanned too.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: every byte is scanned exactly once
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void scan(byte[] b, int off, int n) throws IOException {
        int i = off;
        int end = off + n;
        if (!headDone) {
            while (i < end && headLength < head.length) {
                head[headLength++] = b[i++];
            }
            if (headLength < head.length) {
                return;
            }
            detect();
            replayHead();
            if (state == State.PASS) {
                return;
            }
        }
        for (; i < end; i++) {
            unit(b[i] & 0xFF);
            if (state == State.PASS) {
                return;
            }
        }
    }

    private void detect() throws IOException {
        headDone = true;
        if (headLength >= 4) {
            int first = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
            switch (first) {
                // UCS-4 in any byte order, with or without a byte order mark, and EBCDIC: parsers
                // detect these by their first bytes, and this scan could not see their markup.
                case 0x0000FEFF, 0xFFFE0000, 0x0000003C, 0x3C000000, 0x00003C00, 0x003C0000, 0x4C6FA794 ->
                        throw hostile("is not encoded as UTF-8 or UTF-16");
                default -> {
                }
            }
        }
        if (headLength >= 2) {
            int b0 = head[0] & 0xFF;
            int b1 = head[1] & 0xFF;
            if (b0 == 0xFE && b1 == 0xFF || b0 == 0 && b1 != 0) {
                width = 1;
            } else if (b0 == 0xFF && b1 == 0xFE || b0 != 0 && b1 == 0) {
                width = 2;
            }
        }
    }

    private void replayHead() throws IOException {
        int start = 0;
        int b0 = head[0] & 0xFF;
        if (headLength >= 3 && b0 == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (width != 0 && headLength >= 2 && (b0 == 0xFE || b0 == 0xFF)) {
            start = 2;
        }
        for (int i = start; i < headLength && state != State.PASS; i++) {
            unit(head[i] & 0xFF);
        }
    }

    private void unit(int b) throws IOException {
        if (width == 0) {
            character(b);
            return;
        }
        if (pendingByte < 0) {
            pendingByte = b;
            return;
        }
        int c = width == 1 ? pendingByte << 8 | b : b << 8 | pendingByte;
        pendingByte = -1;
        character(c);
    }

    private void character(int c) throws IOException {
        switch (state) {
            case START -> {
                if (c == '<') {
                    state = State.LT;
                } else if (!isXmlSpace(c)) {
                    state = State.PASS;
                }
            }
            case TEXT -> {
                if (c == '<') {
                    state = State.LT;
                }
            }
            case LT -> {
                markupLength = 1;
                inDeclaration = !seenMarkup && c == '?';
                seenMarkup = true;
                if (c == '?') {
                    state = State.PI;
                    previous = 0;
                } else if (c == '!') {
                    state = State.BANG;
                } else {
                    state = State.TAG;
                    endTag = c == '/';
                    tagSelfClosing = false;
                    quote = 0;
                    previous = c;
                }
            }
            case TAG -> tag(c);
            case PI -> {
                grow();
                if (inDeclaration && declaration.length() < MAX_DECLARATION_BYTES) {
                    declaration.append((char) c);
                }
                if (previous == '?' && c == '>') {
                    state = State.TEXT;
                    if (inDeclaration) {
                        checkDeclaration();
                        inDeclaration = false;
                    }
                }
                previous = c;
            }
            case BANG -> {
                if (c == '-') {
                    state = State.BANG_DASH;
                } else if (c == '[' && seenRoot) {
                    state = State.CDATA_OPEN;
                    cdataMatched = 0;
                } else {
                    throw hostile("contains a DOCTYPE or other DTD declaration, which spreadsheet XML never has");
                }
            }
            case BANG_DASH -> {
                if (c != '-') {
                    throw hostile("contains a DOCTYPE or other DTD declaration, which spreadsheet XML never has");
                }
                state = State.COMMENT;
                previous = 0;
                beforePrevious = 0;
            }
            case COMMENT -> {
                grow();
                if (c == '>' && previous == '-' && beforePrevious == '-') {
                    state = State.TEXT;
                }
                beforePrevious = previous;
                previous = c;
            }
            case CDATA_OPEN -> {
                if (c != "CDATA[".charAt(cdataMatched)) {
                    throw hostile("contains malformed markup after '<!['");
                }
                if (++cdataMatched == 6) {
                    state = State.CDATA;
                    previous = 0;
                    beforePrevious = 0;
                }
            }
            case CDATA -> {
                if (c == '>' && previous == ']' && beforePrevious == ']') {
                    state = State.TEXT;
                }
                beforePrevious = previous;
                previous = c;
            }
            default -> {
            }
        }
    }

    private void tag(int c) throws IOException {
        grow();
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
            previous = c;
            return;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            tagSelfClosing = previous == '/';
            state = State.TEXT;
            if (endTag) {
                depth = Math.max(0, depth - 1);
            } else {
                seenRoot = true;
                if (!tagSelfClosing && ++depth > MAX_DEPTH) {
                    throw hostile("nests elements more than " + MAX_DEPTH + " deep");
                }
            }
            return;
        }
        if (!isXmlSpace(c)) {
            previous = c;
        }
    }

    private void grow() throws IOException {
        if (++markupLength > MAX_MARKUP_BYTES) {
            throw hostile("has a tag, comment or processing instruction longer than " + MAX_MARKUP_BYTES
                    + " bytes");
        }
    }

    private void checkDeclaration() throws IOException {
        String text = declaration.toString();
        if (!text.startsWith("xml") || text.length() > 3 && !isXmlSpace(text.charAt(3))) {
            return;
        }
        Matcher m = ENCODING.matcher(text);
        if (m.find()) {
            String name = m.group(1).trim().toLowerCase(Locale.ROOT);
            if (!ENCODINGS.contains(name)) {
                throw hostile("declares the encoding '" + m.group(1) + "'; spreadsheet XML is UTF-8 or UTF-16");
            }
            boolean sixteen = name.startsWith("utf-16");
            if (sixteen != (width != 0)) {
                throw hostile("declares the encoding '" + m.group(1) + "' but is not written in it");
            }
        }
    }

    private HostileContentException hostile(String what) {
        return new HostileContentException("The part " + partName + " " + what + ".");
    }

    private static boolean isXmlSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
