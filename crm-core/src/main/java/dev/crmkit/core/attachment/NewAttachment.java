package dev.crmkit.core.attachment;

import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.CrmValidationException.Violation;
import dev.crmkit.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The name and type of a file to upload, checked on construction with every problem at once.
 *
 * @param fileName what it is called; folders a browser or a tool put in front
 *     ({@code C:\Users\ayse\dekont.pdf}, {@code ../x.pdf}) are dropped, leaving {@code dekont.pdf}
 *     and {@code x.pdf}; 1 to 255 characters, no control characters
 * @param contentType a media type such as {@code application/pdf}, stored in lower case; {@code null}
 *     or blank means {@code application/octet-stream}
 */
public record NewAttachment(String fileName, @Nullable String contentType) {

    /** What a file whose type is not known is stored as. */
    public static final String UNKNOWN_TYPE = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\\s*;\\s*[a-z0-9_.-]+=[^;\\p{Cntrl}]{1,100}){0,4}");

    public NewAttachment {
        Objects.requireNonNull(fileName, "fileName");
        List<Violation> problems = new ArrayList<>();
        fileName = baseName(fileName).strip();
        if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..")) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "fileName", "a file needs a name"));
        } else if (fileName.length() > 255) {
            problems.add(new Violation(ErrorCode.VALUE_TOO_LONG, "fileName", "a file name has at most 255 characters"));
        } else if (fileName.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Violation(ErrorCode.VALUE_INVALID, "fileName", "a file name cannot hold control characters"));
        }
        if (contentType == null || contentType.isBlank()) {
            contentType = UNKNOWN_TYPE;
        } else {
            contentType = contentType.strip().toLowerCase(Locale.ROOT);
            if (!MEDIA_TYPE.matcher(contentType).matches()) {
                problems.add(new Violation(ErrorCode.VALUE_INVALID, "contentType",
                        "not a media type such as application/pdf: '" + contentType + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new CrmValidationException(problems);
        }
    }

    public static NewAttachment of(String fileName, String contentType) {
        return new NewAttachment(fileName, contentType);
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
