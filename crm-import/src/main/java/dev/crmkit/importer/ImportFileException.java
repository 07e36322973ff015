package dev.crmkit.importer;

import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * A file-level failure of an import: the file is empty, unreadable, of an unsupported format, too
 * large, or its header is unusable. The job fails and stores nothing.
 */
public final class ImportFileException extends CrmException {

    private static final long serialVersionUID = 1L;

    public ImportFileException(ErrorCode code, String message) {
        super(code, message);
    }

    public ImportFileException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }
}
