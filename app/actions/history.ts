"use server";
// The History tab's per-image actions. Listing goes through GET /api/history; these change things.
import { z } from "zod";
import { withHistory } from "@/lib/history/availability";
import { deleteHistoryImage, setFavourite, type HistoryItem } from "@/lib/history/query";

const imageId = z.number().int().positive();

/** Sets an image's favourite flag; the updated item, or null when the image is gone. */
export async function setHistoryFavourite(id: number, favourite: boolean): Promise<HistoryItem | null> {
  return withHistory(() => setFavourite(imageId.parse(id), z.boolean().parse(favourite)));
}

/** Deletes the image file and its history row; false when there was no such image. */
export async function deleteHistoryItem(id: number): Promise<boolean> {
  return withHistory(() => deleteHistoryImage(imageId.parse(id)));
}
