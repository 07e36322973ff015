package dev.crmkit.core.script;

import dev.crmkit.core.Actor;
import java.util.List;
import java.util.Optional;

/**
 * Call scripts. Writing them needs MANAGE; reading and rendering need VIEW and, for a script that
 * names groups, membership of one of them (MANAGE sees every script).
 *
 * <p>Placeholders, in Turkish or English, filled from the customer as the actor may see it:
 * {@code [MÜŞTERİ_ADI]}/{@code [CUSTOMER_NAME]}, {@code [MÜŞTERİ_NO]}/{@code [CUSTOMER_ID]},
 * {@code [TELEFON]}/{@code [PHONE]}, {@code [E_POSTA]}/{@code [EMAIL]}, {@code [ŞİRKET]}/{@code
 * [COMPANY]}, {@code [SEGMENT]}, {@code [TEMSİLCİ]}/{@code [REPRESENTATIVE]}, {@code [KUYRUK]}/{@code
 * [QUEUE]}, {@code [TUTAR]}/{@code [AMOUNT]}, and a custom field as
 * {@code [ALAN:key]}/{@code [FIELD:key]}. An empty value fills in as nothing; an unknown placeholder
 * is left as it is, so that a mistake in a script shows. Every value is HTML-escaped.
 */
public interface ScriptService {

    /**
     * @throws dev.crmkit.core.ConflictException {@code SCRIPT_KEY_TAKEN}
     */
    Script define(Actor actor, Script script);

    /**
     * @throws dev.crmkit.core.NotFoundException {@code SCRIPT_NOT_FOUND}
     */
    Script redefine(Actor actor, Script script);

    /**
     * @throws dev.crmkit.core.NotFoundException {@code SCRIPT_NOT_FOUND}
     */
    void delete(Actor actor, String key);

    /** The scripts the actor may see, by key; with a queue, only those for it or for every queue. */
    List<Script> list(Actor actor, String queue);

    /** The script if the actor may see it. */
    Optional<Script> find(Actor actor, String key);

    /**
     * The script's HTML with the customer's values filled in, each escaped.
     *
     * @throws dev.crmkit.core.NotFoundException {@code SCRIPT_NOT_FOUND} (also for a script the
     *     actor may not see) or {@code CUSTOMER_NOT_FOUND}
     */
    String render(Actor actor, String key, long customerId);
}
