import { generateKeyPairSync } from "node:crypto";
import type { VapidKeys } from "../chat/ports.ts";

/**
 * A new VAPID key pair (RFC 8292: ECDSA on P-256), in the encoding the Push API and web-push use:
 * the public key as the uncompressed point (0x04, x, y: 65 bytes), the private key as its 32-byte
 * scalar, both unpadded base64url. node:crypto makes it, so the message function that hands the
 * public key to the inbox does not load web-push.
 */
export function newVapidKeys(): VapidKeys {
  const jwk = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "jwk" });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);
  return { publicKey: point.toString("base64url"), privateKey: Buffer.from(jwk.d!, "base64url").toString("base64url") };
}
