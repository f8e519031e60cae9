"""Benchmark harness only: makes three of moto's lookups dict lookups instead of scans.

moto 5.2.1's TaggedEC2Resource.get_tags() calls describe_tags(filters={"resource-id": [id]}),
which scans every tag of every resource with a regex: each instance's tags cost O(all tags). An
instance-state or tag filter, and rendering each instance, does that per instance, so one
DescribeInstances over 10,000 instances takes minutes. The replacement returns the same list
(same keys, same order) from the tag store directly. Likewise get_instance() scans every
instance and describe_volumes(volume_ids=[one]) every volume, once per instance launched, so
seeding N instances took O(N^2). Instances are never removed from moto's reservations, so an
id index filled at launch stays right; a miss falls back to the original scan. These change
how fast moto answers, never what it answers or how many calls are made.

Python imports `sitecustomize` at start-up from PYTHONPATH; bench/run.ts starts its private
stack (scripts/local/stack.sh) with PYTHONPATH pointing here.
"""
try:
    from moto.ec2.models.core import TaggedEC2Resource
    from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix

    def _get_tags(self):
        resource_id = getattr(self, "id", None)
        if not resource_id:
            return []
        tags = self.ec2_backend.tags.get(resource_id, {})
        resource_type = EC2_PREFIX_TO_RESOURCE.get(get_prefix(resource_id), "")
        return [
            {"resource_id": resource_id, "key": key, "value": value, "resource_type": resource_type}
            for key, value in tags.items()
        ]

    TaggedEC2Resource.get_tags = _get_tags

    from moto.ec2.models.elastic_block_store import EBSBackend
    from moto.ec2.models.instances import InstanceBackend

    _get_instance = InstanceBackend.get_instance
    _describe_volumes = EBSBackend.describe_volumes

    def _indexed_get_instance(self, instance_id):
        index = self.__dict__.setdefault("_bench_instance_index", {})
        instance = index.get(instance_id)
        if instance is not None:
            return instance
        # A miss is usually an instance being launched (its volumes are attached before
        # run_instances returns): it is in the newest reservation. Otherwise index them all once.
        # moto serves requests on several threads: iterate over a copy, as moto itself does.
        reservations = list(self.reservations.copy().values())
        candidates = list(reservations[-1].instances) if reservations else []
        if not any(i.id == instance_id for i in candidates):
            candidates = [i for r in reservations for i in list(r.instances)]
        for candidate in candidates:
            index[candidate.id] = candidate
        instance = index.get(instance_id)
        return instance if instance is not None else _get_instance(self, instance_id)

    def _describe_one_volume(self, volume_ids=None, filters=None):
        if volume_ids and len(volume_ids) == 1 and not filters and volume_ids[0] in self.volumes:
            return [self.volumes[volume_ids[0]]]
        return _describe_volumes(self, volume_ids, filters)

    InstanceBackend.get_instance = _indexed_get_instance
    EBSBackend.describe_volumes = _describe_one_volume
except ImportError:  # another Python program on this PYTHONPATH, or a moto without this class
    pass
