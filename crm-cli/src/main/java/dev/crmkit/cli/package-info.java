/**
 * The {@code crm} command line tool: {@link dev.crmkit.cli.CrmCli} is its entry point; each
 * command is a class of this package.
 */
package dev.crmkit.cli;
