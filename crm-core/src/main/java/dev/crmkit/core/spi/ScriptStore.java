package dev.crmkit.core.spi;

import dev.crmkit.core.script.Script;
import java.util.List;
import java.util.Optional;

/** Call scripts of one tenant. */
public interface ScriptStore {

    /**
     * @throws dev.crmkit.core.ConflictException {@code SCRIPT_KEY_TAKEN} if the key exists
     */
    void insert(Script script);

    /** Replaces the script with the same key; false if there is none. */
    boolean update(Script script);

    /** Every script, by key. */
    List<Script> list();

    Optional<Script> find(String key);

    /** Removes a script; false if there was none. */
    boolean delete(String key);
}
