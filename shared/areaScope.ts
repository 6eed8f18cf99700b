// Which areas a staff member works in. Fail closed: an account with no areas
// listed sees nothing; "every area" is an explicit grant only an administrator gives.

export interface AreaScoped {
  areaCodes: string[];
  /** Every area, present and future: granted explicitly, never implied by an empty list. */
  allAreas: boolean;
}

export const coversArea = (who: AreaScoped, area: string): boolean => who.allAreas || who.areaCodes.includes(area);
