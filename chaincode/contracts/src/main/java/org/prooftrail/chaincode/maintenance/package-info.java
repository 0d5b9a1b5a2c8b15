/**
 * Maintenance of a ledger that earlier releases wrote: the owner-endorsed, idempotent transactions that back-fill the
 * keys and policies today's rules expect ({@code maintenance:Upgrade}, {@code maintenance:UpgradeDeployment}), and
 * the chaincode's own statement of the record formats it reads and writes ({@code maintenance:Version}), which a
 * client uses to tell what the chaincode it talks to can do. See docs/upgrading.md.
 */
package org.prooftrail.chaincode.maintenance;
