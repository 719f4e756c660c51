import { type Static, Type } from '@sinclair/typebox';

export const PowerHopSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  ratedWatts: Type.Optional(Type.Number()),
  loadWatts: Type.Optional(Type.Number()),
  loadRatio: Type.Optional(Type.Number({ description: 'loadWatts / ratedWatts' })),
  measured: Type.Boolean({ description: 'true when loadWatts is the hop’s own power_watts metric' }),
});
export type PowerHop = Static<typeof PowerHopSchema>;

/** Every chain from a feed down to the device, with load against rating at each hop. */
export const PowerPathReportSchema = Type.Object({
  device: Type.String(),
  paths: Type.Array(Type.Array(PowerHopSchema)),
});
export type PowerPathReport = Static<typeof PowerPathReportSchema>;
