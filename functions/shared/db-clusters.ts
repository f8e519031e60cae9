/**
 * DescribeDBClusters lists two kinds of RDS cluster that AWS prices and runs differently:
 * - Aurora clusters (engine `aurora-mysql` / `aurora-postgresql`): each DB instance of the cluster
 *   is billed by the hour like a DB instance, the cluster volume per GB used.
 * - Multi-AZ DB clusters (engine `mysql` / `postgres`, created with `DBClusterInstanceClass`,
 *   `AllocatedStorage`, `StorageType` io1/io2/gp3): a writer and two readable standbys that RDS
 *   creates itself (DescribeDBInstances lists them with `DBClusterIdentifier`). The AmazonRDS Price
 *   List prices the whole cluster: deploymentOption "Multi-AZ (readable standbys)", usage type
 *   `Multi-AZClusterUsage:<class>` per hour for the three instances together (a captured sa-east-1
 *   offer file reads 2.8467 × the Single-AZ rate for db.m5d.xlarge MySQL; the Seoul item
 *   `APN2-Multi-AZClusterUsage:db.m6gd.large` 0.783 USD against about a third of that per instance),
 *   and storage per allocated GB-month at 3 × the Single-AZ rate (`RDS:Multi-AZCluster-GP3-Storage`,
 *   "$0.393 per GB-month of provisioned GP3 storage Multi-AZ (readable standbys) deployments running
 *   PostgreSQL" in Seoul, 0.131 Single-AZ). RDS cannot stop or start a Multi-AZ DB cluster (AWS RDS
 *   User Guide, "Limitations of Multi-AZ DB clusters": "Stopping and starting the Multi-AZ DB
 *   cluster" is not supported; StopDBCluster "only applies to Aurora DB clusters").
 * Aurora is the only other cluster RDS runs with a MySQL or PostgreSQL engine, so the engine alone
 * tells them apart, for the cluster and for its instances: an Aurora cluster's DB instances carry
 * the cluster's engine too (CreateDBInstance's Engine: "aurora-mysql (for Aurora MySQL DB
 * instances)", "aurora-postgresql (for Aurora PostgreSQL DB instances)", RDS API Reference), so a
 * DB instance's own Engine says which kind its cluster is, without the cluster's record (which a
 * power-schedule run may not have read, and the cost report need not).
 */
const MULTI_AZ_DB_CLUSTER_ENGINES: ReadonlySet<string> = new Set(['mysql', 'postgres']);

/** The Price List's deploymentOption of a Multi-AZ DB cluster's instance hours and storage. */
export const MULTI_AZ_DB_CLUSTER_DEPLOYMENT = 'Multi-AZ (readable standbys)';

/** True for a Multi-AZ DB cluster and for each of its DB instances (not for Aurora, nor a DB instance outside a cluster). */
export function inMultiAzDbCluster(db: { kind: 'instance' | 'cluster'; engine: string; cluster?: string }): boolean {
  return (db.kind === 'cluster' || db.cluster !== undefined) && MULTI_AZ_DB_CLUSTER_ENGINES.has(db.engine);
}
