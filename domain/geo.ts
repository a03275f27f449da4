// Whether a point lies in Ho Chi Minh City after the 2025 merger (with Bình Dương and Bà Rịa–Vũng
// Tàu, including Côn Đảo). A bounding box: coarse, but it catches swapped or foreign coordinates;
// no package ships Vietnamese ward geometry.
export const cityBounds = { minLat: 8.5, maxLat: 11.7, minLng: 106.2, maxLng: 107.7 } as const;

export function insideCity(lat: number, lng: number): boolean {
  return lat >= cityBounds.minLat && lat <= cityBounds.maxLat && lng >= cityBounds.minLng && lng <= cityBounds.maxLng;
}
