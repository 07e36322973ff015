package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.DirectoryUser;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.permission.PermissionService;
import java.util.List;
import java.util.Objects;

/** Grants and effective levels. Public only for wiring; use {@link PermissionService}. */
public final class DefaultPermissionService implements PermissionService {

    private final ServiceContext ctx;

    public DefaultPermissionService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public PermissionLevel levelOf(Actor actor) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_READ_OWN);
            return ctx.authorizer().levelOf(s, actor);
        });
    }

    @Override
    public boolean can(Actor actor, Operation operation) {
        Objects.requireNonNull(operation, "operation");
        return levelOf(actor).includes(operation.required());
    }

    @Override
    public void grantUser(Actor actor, String username, PermissionLevel level) {
        Objects.requireNonNull(level, "level");
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            DirectoryUser user = ctx.users().find(actor.tenant(), username).orElseThrow(() ->
                    new NotFoundException(ErrorCode.USER_UNKNOWN, "no user '" + username + "' in the directory"));
            if (user.admin() && level != PermissionLevel.MANAGE) {
                throw new CrmValidationException(ErrorCode.ADMIN_LEVEL_FIXED,
                        username + " is a tenant admin and always has MANAGE");
            }
            s.permissions().setUserGrant(username, level);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "GRANT_USER_" + level, username));
            return null;
        });
    }

    @Override
    public void revokeUser(Actor actor, String username) {
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            if (s.permissions().removeUserGrant(username)) {
                s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "REVOKE_USER", username));
            }
            return null;
        });
    }

    @Override
    public void grantGroup(Actor actor, String group, PermissionLevel level) {
        Objects.requireNonNull(level, "level");
        if (group == null || group.isBlank()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a group name is required");
        }
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            s.permissions().setGroupGrant(group, level);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "GRANT_GROUP_" + level, group));
            return null;
        });
    }

    @Override
    public void revokeGroup(Actor actor, String group) {
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            if (s.permissions().removeGroupGrant(group)) {
                s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "REVOKE_GROUP", group));
            }
            return null;
        });
    }

    @Override
    public List<DirectoryUser> users(Actor actor) {
        ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.USER_LIST);
            return Boolean.TRUE;
        });
        // Asked outside the unit of work: a remote directory must not hold a connection open.
        return List.copyOf(ctx.users().list(actor.tenant()));
    }

    @Override
    public Grants grants(Actor actor) {
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            return s.permissions().all();
        });
    }

    @Override
    public void grantCapability(Actor actor, String group, Capability capability) {
        Objects.requireNonNull(capability, "capability");
        if (group == null || group.isBlank()) {
            throw new CrmValidationException(ErrorCode.VALUE_INVALID, "a group name is required");
        }
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            if (s.permissions().addCapability(group, capability)) {
                s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "GRANT_CAPABILITY_" + capability, group));
            }
            return null;
        });
    }

    @Override
    public void revokeCapability(Actor actor, String group, Capability capability) {
        Objects.requireNonNull(capability, "capability");
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_MANAGE);
            if (s.permissions().removeCapability(group, capability)) {
                s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "REVOKE_CAPABILITY_" + capability, group));
            }
            return null;
        });
    }

    @Override
    public boolean hasCapability(Actor actor, Capability capability) {
        Objects.requireNonNull(capability, "capability");
        return ctx.storage().read(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.PERMISSION_READ_OWN);
            return actor.admin() || s.permissions().anyHasCapability(actor.groups(), capability);
        });
    }
}
