package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlPartGuardTest {

    /** Reads everything through the guard in chunks of the given size, so state crosses chunk borders. */
    private static byte[] pass(byte[] bytes, int chunk) throws IOException {
        InputStream in = new XmlPartGuard(new ByteArrayInputStream(bytes), "part.xml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void passes(String xml, Charset charset) throws IOException {
        byte[] bytes = xml.getBytes(charset);
        for (int chunk : new int[] {1, 2, 3, 7, 8192}) {
            assertThat(pass(bytes, chunk)).as("chunk %d", chunk).isEqualTo(bytes);
        }
    }

    private static void refused(String xml, Charset charset, String message) {
        byte[] bytes = xml.getBytes(charset);
        for (int chunk : new int[] {1, 3, 8192}) {
            assertThatThrownBy(() -> pass(bytes, chunk)).as("chunk %d", chunk)
                    .isInstanceOf(HostileContentException.class).hasMessageContaining("part.xml")
                    .hasMessageContaining(message);
        }
    }

    @Test
    void ordinaryXmlPassesUnchanged() throws IOException {
        passes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- a -> b --><?pi x > y?>"
                + "<a x=\"1 > 0\" y='\"'><b/><c>t &amp; u <![CDATA[<!DOCTYPE x>]]></c><!-- <!DOCTYPE x> --></a>",
                StandardCharsets.UTF_8);
        passes("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Çiğdem</a>", StandardCharsets.UTF_16LE);
        passes("\uFEFF<?xml version=\"1.0\" encoding=\"utf-16\"?><a>Çiğdem</a>", StandardCharsets.UTF_16BE);
        passes("<a>no declaration, ş</a>", StandardCharsets.UTF_16LE);
        passes("\uFEFF<a/>", StandardCharsets.UTF_8);
        passes("<a>" + "<b/>".repeat(1000) + "</a>", StandardCharsets.UTF_8);
        passes("", StandardCharsets.UTF_8);
        passes("<a", StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("bytes that do not start like XML (an image) pass unchecked")
    void nonXmlPasses() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', '<', '!', 'D'};
        assertThat(pass(png, 3)).isEqualTo(png);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!DOCTYPE a><a/>",
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
            "  \n<!-- x --><?p q?><!DOCTYPE a SYSTEM \"http://example.com/a.dtd\"><a/>",
            "<a><!ENTITY e \"x\"></a>",
            "<a><!-x --></a>",
            "<![CDATA[x]]><a/>"})
    void markupDeclarationsAreRefused(String xml) {
        refused(xml, StandardCharsets.UTF_8, "DOCTYPE");
    }

    @Test
    void doctypeInUtf16IsRefused() {
        refused("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a><a/>", StandardCharsets.UTF_16LE, "DOCTYPE");
        refused("\uFEFF<!DOCTYPE a><a/>", StandardCharsets.UTF_16BE, "DOCTYPE");
        refused("<?xml version=\"1.0\"?><!DOCTYPE a><a/>", StandardCharsets.UTF_16BE, "DOCTYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-7", "IBM037", "Shift_JIS", "ISO-2022-JP", "UTF-32"})
    void unsafeDeclaredEncodingsAreRefused(String encoding) {
        refused("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?><a/>", StandardCharsets.US_ASCII, "encoding");
    }

    @Test
    void aDeclarationThatDoesNotMatchTheBytesIsRefused() {
        refused("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", StandardCharsets.UTF_8, "not written in it");
        refused("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>", StandardCharsets.UTF_16LE, "not written in it");
    }

    @Test
    void ucs4AndEbcdicAreRefused() {
        refused("<a/>", Charset.forName("UTF-32BE"), "not encoded as UTF-8 or UTF-16");
        refused("<a/>", Charset.forName("UTF-32LE"), "not encoded as UTF-8 or UTF-16");
        refused("<?xml version=\"1.0\" encoding=\"IBM037\"?><a/>", Charset.forName("IBM037"), "not encoded");
    }

    @Test
    void deepNestingIsRefused() {
        refused("<a>".repeat(XmlPartGuard.MAX_DEPTH + 1), StandardCharsets.UTF_8, "deep");
    }

    @Test
    void oversizedMarkupIsRefused() {
        String big = "x".repeat(XmlPartGuard.MAX_MARKUP_BYTES);
        refused("<a b=\"" + big + "\"/>", StandardCharsets.UTF_8, "longer than");
        refused("<a><!--" + big + "--></a>", StandardCharsets.UTF_8, "longer than");
        refused("<a><?pi " + big + "?></a>", StandardCharsets.UTF_8, "longer than");
    }

    @Test
    @DisplayName("text and CDATA are not limited here: the parser reads them in chunks")
    void longTextPasses() throws IOException {
        String big = "x".repeat(2 * XmlPartGuard.MAX_MARKUP_BYTES);
        byte[] bytes = ("<a>" + big + "<![CDATA[" + big + "]]></a>").getBytes(StandardCharsets.UTF_8);
        assertThat(pass(bytes, 8192)).isEqualTo(bytes);
    }
}
