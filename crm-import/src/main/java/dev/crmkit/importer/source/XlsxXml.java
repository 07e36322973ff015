package dev.crmkit.importer.source;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.NullUnmarked;

/**
 * StAX access to the XML parts of a workbook. Always the JDK's own StAX implementation, whatever
 * else is on the class path, configured to report but never process a DTD (callers refuse the
 * {@code DTD} event; {@link XmlPartGuard} has refused the bytes before) and to hand over character
 * data and CDATA in chunks, so that a huge text node is never held whole.
 */
@NullUnmarked // package-private implementation: not yet checked by NullAway
final class XlsxXml {

    private static final int CHUNK = 8192;

    private XlsxXml() {
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty("jdk.xml.cdataChunkSize", CHUNK);
        return factory.createXMLStreamReader(in);
    }

    /**
     * The next parse event.
     *
     * @throws HostileContentException on a DTD
     */
    static int next(XMLStreamReader xml, String partName) throws XMLStreamException, HostileContentException {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_DECLARATION
                || event == XMLStreamConstants.NOTATION_DECLARATION) {
            throw new HostileContentException("The part " + partName
                    + " contains a DOCTYPE or other DTD declaration, which spreadsheet XML never has.");
        }
        return event;
    }

    static boolean isText(int event) {
        return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                || event == XMLStreamConstants.SPACE;
    }

    /** The value of the attribute without namespace with the given local name, or {@code null}. */
    static String attribute(XMLStreamReader xml, String localName) {
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            String ns = xml.getAttributeNamespace(i);
            if ((ns == null || ns.isEmpty()) && localName.equals(xml.getAttributeLocalName(i))) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /**
     * The relationship id ({@code r:id}) of the current element: the {@code id} attribute in a
     * relationships namespace, transitional or strict.
     */
    static String relationshipId(XMLStreamReader xml) {
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            String ns = xml.getAttributeNamespace(i);
            if (ns != null && ns.endsWith("/relationships") && "id".equals(xml.getAttributeLocalName(i))) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    static void closeQuietly(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException | RuntimeException e) {
                // nothing to do
            }
        }
    }
}
