"""CreateImage as EC2 does it, for moto 5.2.1 (test harness only, never deployed).

EC2 snapshots every EBS volume attached to the instance and lists those snapshots in the AMI's
BlockDeviceMappings (each snapshot's VolumeId is the instance's volume, its description
"Created by CreateImage(i-...) for ami-..."). moto instead snapshots a throwaway 15 GiB volume, so
an AMI never names the instance's volumes. The cost report maps AMIs (and AWS Backup's EC2 recovery
points, which are AMIs) to volumes through those snapshots, so this makes CreateImage do what EC2
does; every other AMI (RegisterImage, CopyImage, moto's built-in ones) is left as moto makes it.
"""
from typing import Any

from moto.ec2.models import EC2Backend
from moto.ec2.models.amis import Ami

_moto_create_image = EC2Backend.create_image
_moto_block_device_mappings = Ami.block_device_mappings


def create_image(self: EC2Backend, instance_id: str, name: str, description: str, tag_specifications: list[dict[str, Any]]) -> Ami:
    ami = _moto_create_image(self, instance_id, name, description, tag_specifications)
    instance = self.get_instance(instance_id)
    mappings = []
    for device, mapping in sorted(instance.block_device_mapping.items()):
        volume = self.get_volume(mapping.volume_id)
        snapshot = self.create_snapshot(volume.id, f"Created by CreateImage({instance_id}) for {ami.id}", from_ami=ami.id)
        mappings.append(
            {
                "DeviceName": device,
                "Ebs": {
                    "SnapshotId": snapshot.id,
                    "VolumeSize": volume.size,
                    "DeleteOnTermination": bool(getattr(mapping, "delete_on_termination", False)),
                    "VolumeType": volume.volume_type,
                    "Encrypted": bool(volume.encrypted),
                },
            }
        )
    # moto's placeholder snapshot belongs to no volume of the instance; EC2 would not have made it.
    self.snapshots.pop(ami.ebs_snapshot.id, None)
    ami.__dict__["_instance_mappings"] = mappings
    return ami


def block_device_mappings(self: Ami) -> list[dict[str, Any]]:
    return self.__dict__.get("_instance_mappings") or _moto_block_device_mappings.fget(self)  # type: ignore[attr-defined]


def install() -> None:
    EC2Backend.create_image = create_image
    Ami.block_device_mappings = property(block_device_mappings)
