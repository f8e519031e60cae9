"""Aurora storage types moto 5.2.1 refuses (test harness only, never deployed).

AWS accepts CreateDBCluster with StorageType `aurora` (Aurora Standard) or `aurora-iopt1`
(Aurora I/O-Optimized) for aurora-mysql and aurora-postgresql, and reports the cluster's
AllocatedStorage as 1 (Aurora's volume grows by itself; AWS's "Storage configurations for Amazon
Aurora DB clusters", RDS API reference CreateDBCluster: "Valid Values: aurora, aurora-iopt1").
moto looks the default AllocatedStorage up in a table without those two types and answers HTTP 500
(KeyError 'aurora-iopt1'). This adds them, with AWS's 1, before moto's own table is asked.
moto keeps the StorageType as given, so DescribeDBClusters reports it as AWS does.
"""
from moto.rds.models import DBCluster

AURORA_ENGINES = ("aurora", "aurora-mysql", "aurora-postgresql")
AURORA_STORAGE_TYPES = ("aurora", "aurora-iopt1")


def install():
    moto_default = DBCluster.default_allocated_storage

    def default_allocated_storage(engine, storage_type):
        if engine in AURORA_ENGINES and storage_type in AURORA_STORAGE_TYPES:
            return 1
        return moto_default(engine=engine, storage_type=storage_type)

    DBCluster.default_allocated_storage = staticmethod(default_allocated_storage)
