package dev.crmkit.core;

/** The actor may not do this. Nothing was changed. */
public final class PermissionDeniedException extends CrmException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message) {
        super(ErrorCode.PERMISSION_DENIED, message);
    }
}
