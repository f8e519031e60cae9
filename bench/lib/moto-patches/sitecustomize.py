"""Benchmark harness only: makes moto's per-resource tag lookup a dict lookup.

moto 5.2.1's TaggedEC2Resource.get_tags() calls describe_tags(filters={"resource-id": [id]}),
which scans every tag of every resource with a regex: each instance's tags cost O(all tags). An
instance-state or tag filter, and rendering each instance, does that per instance, so one
DescribeInstances over 10,000 instances takes minutes. The replacement returns the same list
(same keys, same order) from the tag store directly. It changes how fast moto answers, never
what it answers or how many calls are made.

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
except ImportError:  # another Python program on this PYTHONPATH, or a moto without this class
    pass
