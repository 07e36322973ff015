package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.script.ScriptService;
import dev.crmkit.core.spi.StorageSession;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Call scripts. Public only for wiring; use {@link ScriptService}. */
public final class DefaultScriptService implements ScriptService {

    private final ServiceContext ctx;

    public DefaultScriptService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Script define(Actor actor, Script script) {
        Objects.requireNonNull(script, "script");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.SCRIPT_MANAGE);
            if (s.scripts().find(script.key()).isPresent()) {
                throw new ConflictException(ErrorCode.SCRIPT_KEY_TAKEN, "the tenant has a script " + script.key() + " already");
            }
            s.scripts().insert(script);
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "SCRIPT_DEFINED", script.key()));
            return script;
        });
    }

    @Override
    public Script redefine(Actor actor, Script script) {
        Objects.requireNonNull(script, "script");
        return ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.SCRIPT_MANAGE);
            if (!s.scripts().update(script)) {
                throw notFound(script.key());
            }
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "SCRIPT_REDEFINED", script.key()));
            return script;
        });
    }

    @Override
    public void delete(Actor actor, String key) {
        Objects.requireNonNull(key, "key");
        ctx.storage().write(actor.tenant(), s -> {
            ctx.authorizer().require(s, actor, Operation.SCRIPT_MANAGE);
            if (!s.scripts().delete(key)) {
                throw notFound(key);
            }
            s.audit().append(new AuditEntry(0, ctx.now(), actor.userId(), "SCRIPT_DELETED", key));
            return null;
        });
    }

    @Override
    public List<Script> list(Actor actor, String queue) {
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.SCRIPT_READ);
            return s.scripts().list().stream()
                    .filter(script -> sees(actor, level, script))
                    .filter(script -> queue == null || script.queue() == null || script.queue().equals(queue))
                    .toList();
        });
    }

    @Override
    public Optional<Script> find(Actor actor, String key) {
        Objects.requireNonNull(key, "key");
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.SCRIPT_READ);
            return s.scripts().find(key).filter(script -> sees(actor, level, script));
        });
    }

    @Override
    public String render(Actor actor, String key, long customerId) {
        Objects.requireNonNull(key, "key");
        return ctx.storage().read(actor.tenant(), s -> {
            PermissionLevel level = ctx.authorizer().require(s, actor, Operation.SCRIPT_READ);
            // A script the actor may not see is reported as missing, so its existence does not leak.
            Script script = s.scripts().find(key).filter(sc -> sees(actor, level, sc)).orElseThrow(() -> notFound(key));
            Customer customer = CustomerViews.viewOf(ctx, s, actor, level, customerId);
            return Placeholders.fill(script.html(), customer, Placeholders::escapeHtml);
        });
    }

    private static boolean sees(Actor actor, PermissionLevel level, Script script) {
        return level == PermissionLevel.MANAGE || script.visibleToGroups(actor.groups());
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException(ErrorCode.SCRIPT_NOT_FOUND, "no script " + key);
    }
}
