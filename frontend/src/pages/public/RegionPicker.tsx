// Where it happened: a province, then a regency or city, each a searchable list. The
// whole list (about 550 names) is one cached request the API serves with a day's cache,
// no map and no library beyond the form's own.
import { Alert, Fieldset, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api } from "../../api/client";
import { LazySelect } from "../../components/LazySelect";
import type { components } from "../../api/schema";
import { useT } from "../../i18n/locale";

type Regions = components["schemas"]["RegionsPublic"];

export function useRegions() {
  return useQuery({
    queryKey: ["public-regions"],
    queryFn: async (): Promise<Regions> => {
      const { data, error } = await api.GET("/api/v1/intake/public/regions");
      if (error || !data) throw new Error("regions");
      return data;
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

// "Kota Bengkulu, Bengkulu" for the check page; the code itself while the list loads.
export function regionLabel(regions: Regions | undefined, province: string, regency: string): string {
  const p = regions?.provinces.find((x) => x.code === province)?.name ?? province;
  const r = regions?.regencies.find((x) => x.code === regency)?.name;
  return r ? `${r}, ${p}` : p;
}

interface Props {
  province: string;
  regency: string;
  onProvince: (code: string) => void;
  onRegency: (code: string) => void;
  errors: Record<string, string>;
}

export function RegionPicker({ province, regency, onProvince, onRegency, errors }: Props): React.JSX.Element {
  const t = useT();
  const regions = useRegions();
  const provinces = useMemo(() => (regions.data?.provinces ?? []).map((p) => ({ value: p.code, label: p.name })), [regions.data]);
  const regencies = useMemo(
    () => (regions.data?.regencies ?? []).filter((r) => r.province === province).map((r) => ({ value: r.code, label: r.name })),
    [regions.data, province],
  );
  return (
    <Fieldset legend={t("pf.where")} variant="unstyled" styles={{ legend: { fontWeight: 600 } }}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed" id="where-help">
          {t("pf.whereHelp")}
        </Text>
        {regions.isError && (
          <Alert color="yellow" role="status">
            {t("pf.regionsFailed")}
          </Alert>
        )}
        <LazySelect
          label={t("pf.province")}
          data={provinces}
          value={province || null}
          onChange={(v) => onProvince(v ?? "")}
          error={errors["location.province"]}
          searchable
          clearable
          nothingFoundMessage={t("pf.nothingFound")}
          disabled={!regions.data}
        />
        <LazySelect
          label={t("pf.regency")}
          description={province ? undefined : t("pf.regencyFirst")}
          data={regencies}
          value={regency || null}
          onChange={(v) => onRegency(v ?? "")}
          error={errors["location.regency"]}
          searchable
          clearable
          nothingFoundMessage={t("pf.nothingFound")}
          disabled={!province || !regions.data}
        />
      </Stack>
    </Fieldset>
  );
}
