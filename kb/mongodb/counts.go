package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// CountBy counts a collection's records by the value of one field
// ("status"), for the operator's figures. A missing collection counts
// nothing. The one $group accumulator FerretDB v1 has, $sum, does it in
// one statement.
func (s *Store) CountBy(ctx context.Context, collection, field string) (map[string]int, error) {
	pipeline := bson.A{bson.D{{Key: "$group", Value: bson.D{
		{Key: "_id", Value: "$" + field},
		{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}},
	}}}}
	cur, err := s.db.Collection(collection).Aggregate(ctx, pipeline)
	if err != nil {
		return nil, translate(err, collection)
	}
	var rows []struct {
		Value any `bson:"_id"`
		N     int `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, translate(err, collection)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[fmt.Sprint(r.Value)] += r.N
	}
	return out, nil
}
