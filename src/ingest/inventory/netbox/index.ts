// The NetBox inventory importer: read NetBox (live, or a saved export), map it to an estate.
//
//   const exported = await fetchNetbox({ url, token });      // or: await readNetboxExport(path)
//   const result = netboxInventory(readNetboxObjects(exported), { instance: 'netbox.example.com' });
export type { FetchNetboxOptions, NetboxProgress } from './netbox-client.js';
export { fetchNetbox, NetboxFetchError, netboxApiBase, netboxAuthorization } from './netbox-client.js';
export type { DeviceClass, DeviceClassInput, DeviceKind } from './netbox-device-kind.js';
export { classifyDevice, networkTier } from './netbox-device-kind.js';
export { endpointOfName, parseNetboxExport, readNetboxExport } from './netbox-export.js';
export type { NetboxInventoryOptions } from './netbox-mapping.js';
export { netboxInventory, ratedWatts, reportsDiskInMegabytes } from './netbox-mapping.js';
export type {
  NetboxCable,
  NetboxCableEnd,
  NetboxCluster,
  NetboxDevice,
  NetboxDeviceType,
  NetboxEndpoint,
  NetboxExport,
  NetboxInterface,
  NetboxIpAddress,
  NetboxLocation,
  NetboxObject,
  NetboxObjects,
  NetboxPowerFeed,
  NetboxPowerPanel,
  NetboxPrefix,
  NetboxRack,
  NetboxRef,
  NetboxSite,
  NetboxVirtualMachine,
  NetboxVlan,
} from './netbox-objects.js';
export { isNetboxEndpoint, netboxEndpoints, readNetboxObjects } from './netbox-objects.js';
