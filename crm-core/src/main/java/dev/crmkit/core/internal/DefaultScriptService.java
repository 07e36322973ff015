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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Call scripts. Public only for wiring; use {@link ScriptService}. */
public final class DefaultScriptService implements ScriptService {

    /** {@code [NAME]} or {@code [ALAN:key]}: letters (Turkish ones too), digits, {@code _ - :}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([\\p{L}0-9_:-]{1,80})]");
    private static final Map<String, Function<Customer, Object>> BUILT_IN = Map.ofEntries(
            Map.entry("MÜŞTERİ_ADI", Customer::fullName), Map.entry("CUSTOMER_NAME", Customer::fullName),
            Map.entry("MÜŞTERİ_NO", Customer::id), Map.entry("CUSTOMER_ID", Customer::id),
            Map.entry("TELEFON", c -> c.phone().e164()), Map.entry("PHONE", c -> c.phone().e164()),
            Map.entry("E_POSTA", Customer::email), Map.entry("E-POSTA", Customer::email),
            Map.entry("EMAIL", Customer::email),
            Map.entry("ŞİRKET", Customer::company), Map.entry("COMPANY", Customer::company),
            Map.entry("SEGMENT", Customer::segment),
            Map.entry("TEMSİLCİ", Customer::representative), Map.entry("REPRESENTATIVE", Customer::representative),
            Map.entry("KUYRUK", Customer::queue), Map.entry("QUEUE", Customer::queue),
            Map.entry("TUTAR", Customer::totalAmount), Map.entry("AMOUNT", Customer::totalAmount));

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
            Customer customer = view(s, actor, level, customerId);
            return fill(script.html(), customer);
        });
    }

    private Customer view(StorageSession s, Actor actor, PermissionLevel level, long customerId) {
        LocalDate today = LocalDate.ofInstant(ctx.now(), ctx.zoneOf(actor.tenant()));
        return new CustomerViews(actor, level, s.customFields().list(), today)
                .view(DefaultCustomerService.load(s, customerId));
    }

    /** The template with each known placeholder replaced by the escaped value; unknown ones kept. */
    static String fill(String html, Customer customer) {
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            Function<Customer, Object> builtIn = BUILT_IN.get(name);
            if (builtIn != null) {
                replacement = escape(text(builtIn.apply(customer)));
            } else if (name.startsWith("ALAN:") || name.startsWith("FIELD:")) {
                String fieldKey = name.substring(name.indexOf(':') + 1);
                // A field the actor may not see is not in the view: it fills in as nothing.
                replacement = escape(text(customer.customFields().get(fieldKey)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Collection<?> values) {
            return String.join(", ", values.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** HTML-escapes text for element content and quoted attribute values alike. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean sees(Actor actor, PermissionLevel level, Script script) {
        return level == PermissionLevel.MANAGE || script.visibleToGroups(actor.groups());
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException(ErrorCode.SCRIPT_NOT_FOUND, "no script " + key);
    }
}
