package dev.crmkit.core;

/** The thing asked for does not exist in the actor's tenant (or is not visible there). */
public final class NotFoundException extends CrmException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(ErrorCode code, String message) {
        super(code, message);
    }
}
